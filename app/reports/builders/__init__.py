"""Report builders: each turns its selectors' figures into a Report (headline figures, sections, charts) for one
scope and period."""
