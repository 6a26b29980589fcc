"""Helpers for the rate-events component: the word lists (lexicon), rate nouns and the verbs that move them
(triggers), the percentages and how they attach (percentages), who imposes a rate and on whom (parties), the
event's dates (dates), and one event per move (merge)."""
