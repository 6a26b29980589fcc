"""Word sets that several steps of rate-event reading share, one set per meaning. A step that needs a wider
reading builds it here from these sets, so a word added to a meaning reaches every step that uses it."""
from __future__ import annotations

# verbs that report a move rather than make it ("said it would raise …")
REPORTING_LEMMAS = {"say", "announce", "confirm", "tell", "state"}
# verbs of forecasting a move ("is expected to cut", "bets the bank will hike")
FORECAST_VERBS = {"expect", "forecast", "predict", "project", "estimate", "speculate", "bet", "wager"}
# verbs of holding a view or picturing a case: a move in their clause is believed or imagined, not made ("most
# economists think the bank will cut in June", "imagine that Ottawa puts a 20% tariff on imports")
BELIEF_VERBS = {"think", "believe", "reckon", "suspect", "guess", "assume", "imagine", "suppose"}
# verbs of asking another party for a move ("urged Ottawa to drop the duty", "pressed the bank to cut")
ASKING_VERBS = {"urge", "ask", "demand", "request", "press", "lobby", "recommend", "suggest"}
# verbs of wanting a move, not making it ("wants to delay the hike", "hopes to cut tariffs")
WISH_VERBS = {"want", "wish", "hope", "need", "prefer", "like", "love", "advise", "seek", "aim", "try", "strive",
              "attempt"}
# a move under one of these, however deep, is forecast or asked for, not made ("urged action on removing …")
WEIGHING_VERBS = FORECAST_VERBS | BELIEF_VERBS | ASKING_VERBS
# "Hanoi wants Washington to lift the 20% tariff", "urges Tokyo to cut its duty": a verb whose clause has a
# subject of its own puts the move on another party, a demand or a forecast and no decision ("the Commission
# wants to put up duties" is its own plan)
DEMAND_VERBS = WISH_VERBS | WEIGHING_VERBS
# verbs that ask for what their "for" names ("calling for the duties to be scrapped", "pressed for a 50% tariff")
ASKING_FOR_VERBS = ASKING_VERBS | {"call", "push", "plead", "campaign", "appeal", "clamor", "clamour", "petition",
                                   "agitate", "fight", "argue"}
# nouns of how likely a move is: what hangs off them "of" or "for" is weighed, not made ("the odds of a hike")
CHANCE_NOUNS = {"likelihood", "probability", "chance", "odds", "prospect", "possibility", "risk", "expectation",
                "speculation", "bet", "hope"}
# nouns of what markets bet on: a move anywhere under them is wagered on, not made ("scaled back their wagers on rate
# cuts from the Fed", "revised their expectations for how fast the bank will cut")
BETTING_NOUNS = {"bet", "wager", "expectation", "odds"}
# nouns of a move feared, hoped for or believed in: a "that" clause under them tells no move ("fears that
# Washington will double the tariff")
WORRY_NOUNS = CHANCE_NOUNS | {"concern", "fear", "worry", "view", "belief", "danger", "suspicion", "rumor",
                              "rumour"}
# "tariffs … will also apply to Japan": verbs whose "to" names whom a rate falls on
EXTENDING_VERBS = {"apply", "extend", "expand", "widen"}
# "is due to take effect", "is set to impose", "is poised to slap": a move to come
SCHEDULED_WORDS = {"due", "set", "scheduled", "slated", "poised", "expected", "about", "ready", "primed"}
# verbs of taking on a rate in a deal ("Britain accepted a 10% tariff on its car exports"): with "its goods" the
# subject is the one taxed, however the verb would read with another's goods ("Washington set a tariff on its
# exports" is a tariff on someone else's)
ACCEPTING_VERBS = {"accept", "secure", "win", "obtain", "negotiate", "clinch", "land", "agree", "settle", "concede"}
# goods that travel: their "to" or "into" names the market that taxes them ("its exports to the United States")
SHIPPED_GOODS = {"export", "exports", "shipment", "shipments", "sale", "sales", "good", "goods", "product",
                 "products", "sell", "ship", "send"}
# quantities of goods a rate can fall on a part of ("on most of its exports", "on half of their shipments")
SHARE_WORDS = {"most", "all", "half", "some", "much", "part", "bulk", "majority", "share", "portion", "many"}
# verbs and nouns of turning a move down: the move in their clause is refused, not made ("declined to lower its
# duty", "rejected calls to cut rates", "the refusal to extend the duties", "prevented banks from cutting rates")
REFUSING_WORDS = {"refuse", "refusal", "reject", "rejection", "decline", "dismiss", "rebuff", "resist", "veto",
                  "deny", "spurn", "prevent"}
# verbs of leaving a rate as it is ("has kept the tariffs in place", "maintains duties of 20%"): a tariff kept with
# no day or meeting named is the state of things, no move
KEEPING_VERBS = {"keep", "maintain", "retain"}
