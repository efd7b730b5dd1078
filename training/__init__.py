"""Training data for the importer's action scorer (not part of the application)."""
