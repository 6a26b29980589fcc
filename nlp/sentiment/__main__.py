"""python -m nlp.sentiment: refit the shipped model from nlp/data/sentiment_train.csv."""
from nlp.sentiment.refit import main

raise SystemExit(main())
