"""Domain-free building blocks: database base, htmx rendering, auth decorators, scoping, audit, paging, errors."""
