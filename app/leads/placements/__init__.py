"""Placements: organisation-private records of a seeker placed at an employer, with the three-T check, a support
plan, follow-ups at 1, 3, 6 and 12 months and the pay-subsidy alert. Routes hang on the leads blueprint."""
