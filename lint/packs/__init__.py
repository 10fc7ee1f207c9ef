"""What to run: rule packs (load, validate, compile), their data tables, the cache of compiled packs, the config file, the house registry of people."""
