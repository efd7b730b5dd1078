"""Shared Django machinery below every part (plans, statutory, SENDIASS, reports …): forms,
editing, history, exports, documents, private files. Depends on `domain` and `accounts` only;
no part's internals are imported here, so every part (SENDIASS included) may stand on it."""
