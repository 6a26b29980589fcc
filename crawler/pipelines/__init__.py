"""Item pipelines, in order: extract (100) → dedupe (200) → store (300)."""
