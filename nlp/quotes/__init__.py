"""Helpers for the officials and statements components: quote marks, reporting cues, titles, speakers, dates."""
