"""Plan documents in: the import-plan and lint-plan commands around ``domain/documents``."""
