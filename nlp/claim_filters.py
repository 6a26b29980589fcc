"""Pieces of text that are no claims whatever the scorer makes of them: with no figure to check, schedules,
suppositions, stances, advice, hopes, judgments and praise (read from the parse). What is no claim by its form
(tables, captions, words to the reader) is in ``nlp/claim_forms.py``.

`claim_units` in ``nlp/components/claims.py`` cuts a doc into pieces; the finder asks
`no_claim_without_a_figure` of each before scoring it.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from nlp.claim_forms import FINITE_TAGS, REPORTING_LEMMAS, STATING_LEMMAS, about_the_reader, to_the_reader
from nlp.quantity_forms import tables

# a time of day written as one token: "10.42pm", "9:30a.m."
CLOCK_TIME = re.compile(r"\d{1,2}(?:[.:]\d\d)?[ap]\.?m\.?")
AMOUNT_ENTITIES = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}  # a figure with its scale in one token: "8.5bn"
# verbs of a schedule, told of what is still to come: who will meet, travel or vote when ("will vote next week";
# "voted to cut rates" is a decision, "met on Monday" may carry what was agreed)
SCHEDULE_VERBS = {"meet", "convene", "reconvene", "gather", "travel", "visit", "arrive", "adjourn", "vote",
                  "attend", "discuss", "resume", "respond", "reply"}  # "will respond to the offer next week"
# what is "due to" be made known at a time: a schedule ("The ruling on the merger is due to be published at
# 15.00 GMT on Friday"); "the duties are due to take effect on May 1" tells when a measure applies and stays
DUE_VERBS = SCHEDULE_VERBS | {"announce", "publish", "release", "unveil", "present"}
# an event that takes place at a time, told in the present tense or as what someone "is to" or "is supposed to" do:
# a schedule ("The board discusses the review at its meeting next Wednesday", "The final takes place tomorrow", "Lehto
# is supposed to play on Saturday", "The network will air the race at 2 pm on Sunday")
EVENT_VERBS = {"begin", "start", "compete", "play", "race", "run", "perform", "air", "broadcast", "televise",
               "return", "resume", "conclude", "open", "kick"}
# the words of a time told in a date or time entity (the tagger also marks "Olympic" or "the season" so)
TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow",
              "tonight", "next", "day", "weekend", "week", "morning", "afternoon", "evening", "night", "noon",
              "midnight", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "a.m.", "p.m.", "am", "pm", "o'clock"}
# the verbs of what "is to" happen at a time ("is to", "is supposed to", "is slated to", "is set to")
PLANNED_FORMS = {"is", "are", "'s", "'re", "supposed", "slated", "set"}
# who can be told what they should do: people, governments, firms and bodies
AGENT_PRONOUNS = {"i", "we", "you", "he", "she", "they"}
AGENT_ENTITIES = {"PERSON", "ORG", "GPE", "NORP"}
AGENT_NOUNS = {"government", "country", "nation", "bank", "company", "firm", "union", "committee", "parliament",
               "congress", "administration", "minister", "president", "leader", "official", "authority",
               "regulator", "state", "people", "everyone", "member", "senator", "lawmaker", "legislator", "mayor",
               "governor", "chairman", "chairwoman", "chair", "spokesman", "spokeswoman", "spokesperson", "executive",
               "group", "association", "party", "ministry", "department", "agency", "council", "board",
               "commission", "industry", "farmer", "exporter", "importer", "producer", "manufacturer", "analyst",
               "economist", "critic", "opposition", "lobby", "campaigner", "activist", "investor", "employer",
               "worker"}
# verbs that voice a stance toward what others do, not a fact: "The union called for a ban", "Ministers insisted on
# a tough line", "He fears an escalation", "Farmers welcomed the deal" (with no figure); "rejected" stays out: a
# court, a parliament or a regulator that rejects something has decided
STANCE_VERBS = {"insist", "urge", "welcome", "criticise", "criticize", "condemn", "denounce", "deplore",
                "fear", "praise", "applaud", "regret", "lament", "hail", "slam", "decry", "disapprove"}
# voicing a feeling or a view ("expressed concern", "extended condolences"): a stance when nothing else is told
VOICING_VERBS = {"express", "extend", "voice", "convey"}
# verbs that give someone's name for a thing: "The mayor described the fire as a tragedy" is a view of it ("labelled
# a terrorist" is a designation, an act, and stays)
CHARACTERISING_VERBS = {"describe", "characterise", "characterize", "brand", "dub"}
# verbs of telling people what to do, and the public they tell: "Residents were told to boil water", "The
# council advised drivers to stay home" give advice, no fact ("ordered to evacuate" is an order and stays)
INSTRUCTING_VERBS = {"advise", "ask", "tell", "urge", "encourage", "warn", "remind", "request", "recommend"}
PUBLIC_NOUNS = {"resident", "citizen", "people", "public", "traveller", "traveler", "passenger", "driver", "motorist",
                "visitor", "household", "customer", "user", "attendee", "tourist", "countryman", "parent", "commuter",
                "voter", "fan", "everyone", "anyone", "shopper", "patient", "pilgrim", "spectator", "homeowner"}
# the nouns of an aim: "The purpose of the scheme is to …", "The idea is that …"
AIM_NOUNS = {"purpose", "goal", "aim", "idea", "intention", "objective", "mission", "target"}
# with no figure, what a government hopes for, is ready to do or agrees to keep doing is an aspiration, not a fact:
# "Norway hopes the talks succeed", "Peru is ready to work with Chile", "The two sides agreed to keep in touch";
# what it is ready or agrees to do about a measure ("agreed to lift the ban", "is ready to retaliate with duties")
# stays a claim
HOPE_FORMS = {"hope", "hopes", "hoped", "hoping", "wish", "wishes", "wished"}
READY_WORDS = {"ready", "willing", "committed", "determined", "eager", "keen", "dedicated"}
PLEDGE_LEMMAS = {"agree", "pledge", "vow", "promise", "resolve"}
# with no figure, what a body will (go on) watching is vigilance promised, not a fact: "The Bank of Vestland will
# continue to monitor the krona", "The ministry will closely watch imports of steel"
WATCH_VERBS = {"monitor", "watch", "observe", "track"}
FUTURE_AUX = {"will", "would", "shall", "'ll"}
# verbs of going on talking and working together
PROCESS_VERBS = {"continue", "keep", "maintain", "strengthen", "enhance", "deepen", "intensify", "strive", "work",
                 "participate", "propel", "push", "promote", "advance", "boost", "seek", "stay", "cooperate", "join",
                 "facilitate", "consolidate", "build", "implement", "hold", "have", "pursue", "explore", "develop", "expand",
                 "safeguard", "uphold", "contribute", "help", "support", "communicate", "engage", "resolve", "settle",
                 "handle", "address", "manage", "make", "play", "open", "share", "achieve", "accelerate", "step"}
# nouns of a measure someone can take: with one, the pledge has content
MEASURE_NOUNS = {"tariff", "duty", "levy", "tax", "sanction", "quota", "ban", "embargo", "subsidy", "price", "rate",
                 "import", "export", "purchase", "measure", "countermeasure", "restriction", "barrier", "dumping",
                 "probe", "investigation", "lawsuit", "case", "retaliation", "visa", "troop", "weapon", "deal"}
# holding to a course, with no measure named: "adheres to the principle of …", "pursues a strategy of openness"
COURSE_VERBS = {"adhere", "pursue", "uphold", "follow", "stick", "keep"}
COURSE_NOUNS = {"policy", "principle", "path", "strategy", "concept", "philosophy", "vision", "idea", "approach",
                "course", "road"}
# what a government goes on with when it names no measure: "will continue its economic reform"
REFORM_NOUNS = {"reform", "opening", "opening-up", "globalization", "globalisation", "liberalization",
                "liberalisation", "integration", "multilateralism", "development", "modernization", "modernisation"}
COURSE_ADVERBS = {"further", "firmly", "steadfastly", "unswervingly", "resolutely", "actively", "continuously"}
REMARK_NOUNS = {"remark", "comment"}  # "made the announcement" is itself news
# with no figure, "it is important / unfair / time / too early to …" weighs what should be or can be said, and
# states no fact ("It is vital for both sides to cut red tape", "It is too early to judge …")
NORMATIVE_WORDS = {"important", "necessary", "essential", "crucial", "vital", "imperative", "urgent", "unfair", "fair",
                   "unjust", "natural", "normal", "right", "wrong", "wise", "unwise", "reasonable", "unreasonable",
                   "ridiculous", "absurd", "irresponsible", "unacceptable", "regrettable", "understandable",
                   "appropriate", "inappropriate", "desirable", "worth", "advisable"}
# what a road, a street or the traffic is told to do on a day of an event: closures and diversions
ROUTE_NOUNS = {"street", "road", "traffic", "car", "vehicle", "lane", "route", "bridge", "square", "motorway",
               "highway", "junction", "roundabout", "parking", "tram", "bus", "coach", "cyclist", "pedestrian"}
ROUTING_VERBS = {"close", "direct", "divert", "reroute", "allow", "permit", "block", "cut", "restrict", "ban", "shut",
                 "redirect", "guide"}
# the words a time of the arrangement hangs on ("closed between 8.30-16", "for two hours", "until 6 pm")
TIME_PREPOSITIONS = {"between", "from", "until", "till", "at", "for", "after", "before", "by", "to", "around"}
# with no figure, how hard it is to know or say something is a judgment ("It's hard to see them agreeing", "it is
# difficult to say when"); "it is hard to find staff" tells of a shortage and stays
DIFFICULTY_WORDS = {"hard", "difficult", "easy", "impossible"}
KNOWING_VERBS = {"see", "say", "tell", "know", "imagine", "predict", "believe", "understand", "judge", "foresee",
                 "overstate", "exaggerate", "explain"}
# with no figure and no comparison, a verdict on a thing or a feeling about it: "The rally is interesting in several
# respects", "The notion is nonsense", "That is a joke", "The father is grateful to all who helped"
VERDICT_WORDS = {"interesting", "exceptional", "remarkable", "surprising", "worrying", "unfortunate", "fascinating",
                 "exciting", "amazing", "wonderful", "terrible", "awful", "excellent", "nonsense", "ludicrous",
                 "absurd", "ridiculous", "laughable", "grateful", "thankful", "proud", "pleased", "delighted", "happy",
                 "sad", "saddened", "disappointed", "worried", "concerned", "upset", "bad"}
VERDICT_NOUNS = {"nonsense", "joke", "farce", "rubbish", "disgrace", "shame", "scandal"}
VERDICT_VERBS = {"be", "seem", "remain", "feel", "sound", "look"}
# with no figure and no rank, a role played, contributions made, and opportunities or benefits brought are praise,
# not facts: "The fair plays an active role in …", "Trade has brought real benefits to both"; "the biggest
# contribution" ranks and stays
PRAISE_OBJECTS = {"role": {"play"}, "contribution": {"make"},
                  **{noun: {"create", "bring", "provide", "offer", "deliver", "generate", "open", "present", "inject",
                            "give"} for noun in ("opportunity", "benefit", "momentum", "impetus", "vitality",
                                                 "prospect", "possibility")}}
# with no figure and no measure, the courtesies of a diplomatic readout are no claims: thanks and appreciation
# ("Oslo thanks Lima for its support", "appreciates Peru's position", "expressed gratitude"), friendship valued,
# cherished or reaffirmed, someone's efforts or position supported or respected, a friend or partner named ("Chile
# is a true friend of Peru", "regards Ghana as an important partner"; "its largest trading partner" ranks and
# stays), common interests shared, a relationship that "has made steady progress", and the weight of ties
# stressed ("highlighted the significance of …"); readouts of summits by any foreign ministry or wire read so
COURTESY_LEMMAS = {"appreciate", "thank", "cherish", "commend"}
COURTESY_NOUNS = {"appreciation", "gratitude", "thanks", "greeting", "greetings", "regard", "regards"}
ESTEEM_VERBS = {"value", "reaffirm", "support", "respect", "highlight", "stress", "underline", "emphasize", "emphasise",
                "recognize", "recognise", "acknowledge"}
ESTEEMED_NOUNS = {"friendship", "relation", "relationship", "tie", "partnership", "effort", "position", "stance",
                  "path", "choice", "significance", "importance", "commitment", "contribution", "understanding"}
PARTNER_NOUNS = {"friend", "partner", "brother"}
FIRM_NOUNS = {"firm", "company", "practice", "fund", "bank", "partnership", "consultancy"}  # "a partner in a law firm"
TRADE_WORDS = {"trade", "trading", "business", "commercial"}  # "a major trading partner" is a fact to check
RELATION_NOUNS = {"relation", "relationship", "tie", "friendship", "cooperation", "exchange", "partnership"}
# with no figure, how things seem to someone is a reading of events, not a fact ("Growth seems stronger", "It looks
# like the worst is over"), and so is what "I" or "we" think, believe or feel ("I think the bank will wait")
VIEW_VERBS = {"think", "believe", "feel", "reckon"}
# what anyone believes, with no figure, is their reading and not a fact to check ("Exporters believe the deal will
# open new markets", "The chamber believes that the rules should be respected"); "is believed to be" hedges a fact
# and stays, and so does a belief with a figure ("believes exports will fall 8%")
BELIEF_VERBS = {"believe", "think", "consider"}  # "Lehto thinks the markets have adjusted", "the fund considers
# that the reforms should be hurried"; "will consider whether …" weighs a question and stays


def no_claim_without_a_figure(span: Span) -> bool:
    """A piece with no figure (other than a date or a time) that no one can check: a schedule still to come ("The
    ministers will meet in Geneva on Friday"), a supposition ("If the board ends the scheme, costs would go up"),
    a stance ("Beijing called for talks", "Farmers welcomed the deal"; "agreed to", "threatened", "voted" and
    "rejected" tell what someone did and stay) or advice ("Japan should open its markets"; what something should
    do, "prices should ease", is a forecast and stays). "About 15,000 miners will attend the rally" keeps its
    figure and stays a claim. A hope, a readiness or an agreement to go on talking ("Oslo hopes …", "is ready to
    work with …", "the two sides agreed to keep in touch") and the occasion of remarks ("made the remarks at …") are
    no claims even with the parties counted or an ordinal ("the 12th summit"), and neither is a judgment of what
    should be ("it is vital for both sides to …", "it is too early to judge the talks"); with
    no figure, a role played, contributions made and opportunities or benefits brought are praise ("Trade has
    brought real benefits to both"), and so are the courtesies of a diplomatic readout ("Kenya thanks Ghana for its
    support", "values its friendship with …", "is a true friend of …", "relations have made steady progress"),
    a feeling voiced or a name given ("expressed sadness at …", "described the rescue as a miracle") and advice
    to the public ("Residents were asked to boil their water")."""
    mains, tops = _main_verbs(span), _top_verbs(span)
    if _traffic_arrangement(mains) and _figures_tell_only_when(span):
        return True
    if _has_figure(span):
        # "the two sides", "a third round of talks": counts of the parties and ordinals are no figures to check
        if _stance(tops) and _counts_only_those_urged(span):
            return True
        return not _has_quantity(span) and (_aspiration(mains + tops) or _remarks_made(mains) or _evaluation(mains)
                                            or _courtesy(span, mains) or _schedule(mains) or _aim(mains))
    return _schedule(mains) or _supposition(mains) or _conjecture(span) or _stance(tops) or _advice(tops) \
        or _characterisation(mains) or _instruction(mains) or _view(mains + tops) or _aspiration(mains + tops) \
        or _remarks_made(mains) or _evaluation(mains) or _praise(mains) or _courtesy(span, mains) \
        or to_the_reader(span, mains) or _verdict(mains) or about_the_reader(mains) or _aim(mains)


def _counts_only_those_urged(span: Span) -> bool:
    """Every figure counts who takes or is given the stance ("urged the three biggest parties to agree", "the two
    unions welcomed the deal"): a count of the parties, nothing to check; "urged cuts of 5%" keeps its figure."""
    figures = [t for t in span if _figure(t) and t.ent_type_ not in ("DATE", "TIME", "ORDINAL")]
    return bool(figures) and all(
        t.dep_ == "nummod" and t.head.dep_ in ("nsubj", "dobj") and t.head.head.lemma_.lower() in STANCE_VERBS
        for t in figures)


def _verdict(verbs: list[Token]) -> bool:
    """A verdict on a thing or a feeling about it, with nothing else told: "The big march is interesting and
    unusual in several respects", "The notion that one walkout could halt the economy is nonsense", "The mother is
    grateful to all who searched", "The mayor is worried about the rising toll"; "is more interesting than …"
    and "was never as bad as in 1990" compare, and a verb joined to it ("… and closed
    the plant") tells more."""
    for verb in verbs:
        if any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for c in verb.children):
            continue
        if verb.lower_ in VERDICT_WORDS and verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children) \
                and not any(c.dep_ == "ccomp" for c in verb.children):
            return True  # "has been worried about …" read as a passive ("the judge was concerned the man
            # would flee" tells a finding and stays)
        if verb.lemma_.lower() not in VERDICT_VERBS:
            continue
        for c in verb.children:
            if c.dep_ == "acomp" and c.lower_ in VERDICT_WORDS and not any(
                    a.lower_ in ("more", "less", "most", "least", "than", "as") for a in c.subtree) \
                    or c.dep_ == "attr" and c.lemma_.lower() in VERDICT_NOUNS and not _ranked(c):
                return True
    return False


def _traffic_arrangement(verbs: list[Token]) -> bool:
    """Closures and diversions on the day of an event: "The streets leading to the square are closed to cars",
    "From the north the cars are not allowed on Mill Street", "the traffic is directed to Park Lane"; "Police
    closed the bridge after the crash" has someone acting and stays."""
    for verb in verbs:
        if verb.lemma_.lower() not in ROUTING_VERBS:
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
        if any(c.dep_ == "agent" for c in verb.children):
            continue
        if any(s.lemma_.lower() in ROUTE_NOUNS and (s.dep_ == "nsubjpass" or verb.tag_ == "VBN") for s in subjects):
            return True
    return False


def _figures_tell_only_when(span: Span) -> bool:
    """Every figure of the piece is a date or a time, or hangs on a word of time ("between 8.30-16", "for two
    hours"): the arrangement counts nothing."""
    for t in span:
        if not _figure(t) or t.ent_type_ in ("DATE", "TIME"):
            continue
        node, timed = t, False
        for _ in range(4):
            if node.head.i == node.i:
                break
            node = node.head
            if node.dep_ == "prep" and node.lower_ in TIME_PREPOSITIONS:
                timed = True
                break
        if not timed:
            return False
    return True


def _schedule(verbs: list[Token]) -> bool:
    """Who will meet when, what "will be held" or "will take place" where, and what "is scheduled to" happen."""
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma == "schedule" and any(c.dep_ == "xcomp" for c in verb.children):
            return True
        due = [x for c in verb.children if c.dep_ == "acomp" and c.lower_ == "due" for x in c.children
               if x.dep_ == "xcomp" and x.lemma_.lower() in DUE_VERBS]
        if lemma == "be" and due and not any(t.pos_ == "VERB" and t not in due for t in verb.subtree):
            return True  # ("… due to publish its report on Monday, when it will cut rates" tells more)
        if not any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in verb.children):
            continue
        if lemma in SCHEDULE_VERBS or lemma == "hold" and any(c.dep_ == "auxpass" for c in verb.children) \
                or lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children):
            return True
    return any(_event_ahead(verb) for verb in verbs)


def _event_ahead(verb: Token) -> bool:
    """An event or a meeting at a time, told in the present tense ("The board discusses the review next Wednesday",
    "The heats begin on Friday", "The first round and the final take place today"), with "will" ("will air the final
    at 2 pm on Sunday") or as what is to happen ("is to run on that day", "is supposed to play on Saturday", "is
    slated to return on 28 September"): a schedule. A measure ("the duties start on May 1") and a negation tell
    more and stay, and so does the past ("began on Friday", "was supposed to play")."""
    planned = [c for c in verb.children if c.dep_ == "xcomp" and _event_verb(c)] \
        if verb.lower_ in PLANNED_FORMS and _told_as_now(verb) else []
    for event in planned or ([verb] if _event_verb(verb) and (_told_as_now(verb) or _with_will(verb)) else []):
        subject = {t.i for c in event.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        if _without_measure(event) and any(t.ent_type_ in ("DATE", "TIME") and t.i not in subject and (
                t.lower_ in TIME_WORDS or t.like_num or CLOCK_TIME.fullmatch(t.lower_)) for t in event.subtree):
            return True  # the time is told of the event, not of its subject ("Lehto, 28, is competing …")
    return False


def _event_verb(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in SCHEDULE_VERBS | EVENT_VERBS or lemma == "take" and any(
        c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)


def _told_as_now(verb: Token) -> bool:
    """The verb, or its auxiliary, is in the present tense ("discusses", "is to", "is supposed to"; a bare "take"
    after a plural subject the tagger left untensed)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if auxes:
        return all(a.tag_ in ("VBZ", "VBP") for a in auxes)
    return verb.tag_ in ("VBZ", "VBP") or verb.tag_ == "VB" and any(c.dep_ == "nsubj" for c in verb.children)


def _with_will(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in verb.children)


def _supposition(verbs: list[Token]) -> bool:
    return any(
        any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "'d") for c in verb.children) and any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
            for c in verb.children) for verb in verbs)


def _conjecture(span: Span) -> bool:
    """The sentence's own verb says what would be, told by no one ("A total ban would hurt exporters", "That
    would be bad news for savers"): a conjecture of the writer; "would" under a speaker ("the bank said it would
    wait") tells what someone said and stays."""
    root = span.root
    return any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in root.children) and not any(
        c.dep_ == "aux" and c.lower_ in ("have", "'ve") for c in root.children) and not any(
        any(ch.isdigit() for ch in t.text) and t.ent_type_ not in ("DATE", "TIME") for t in span)  # "$200bn"


def _stance(verbs: list[Token]) -> bool:
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma in STANCE_VERBS or lemma == "approve" and any(c.dep_ == "prep" and c.lower_ == "of"
                                                                for c in verb.children) \
                or lemma == "call" and _agent_subject(verb) and any(
                c.dep_ == "prep" and c.lower_ in ("for", "on") or c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ == "for" for m in c.children) for c in verb.children):
            return True  # "called for talks", "called on Ottawa to …"; "the bill calls for …" tells what it holds
    return False


def _characterisation(verbs: list[Token]) -> bool:
    """A feeling or view voiced ("The club expressed its sadness", "voiced concern about the plan") or someone's
    name for a thing ("The minister described the vote as a farce"), when the verb tells nothing else: "expressed
    support and sent troops", "described it as a farce, saying turnout was 20%" stay; so does a figure
    ("described losing $2m")."""
    for verb in verbs:
        lemma = verb.lemma_.lower()
        named = lemma in CHARACTERISING_VERBS and any(
            c.dep_ == "prep" and c.lower_ == "as" or c.dep_ == "oprd" for c in verb.children)
        if (named or lemma in VOICING_VERBS and any(c.dep_ == "dobj" for c in verb.children)) \
                and _tells_nothing_else(verb):
            return True
    return False


def _tells_nothing_else(verb: Token) -> bool:
    """No other predicate joined to the verb ("… and sent troops"; another voicing, "… and extended condolences",
    adds nothing) and no words reported after it ("…, saying the toll had risen")."""
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.lemma_.lower() not in VOICING_VERBS | STANCE_VERBS:
            return False
        if c.dep_ in ("advcl", "xcomp", "ccomp") and c.lemma_.lower() in STATING_LEMMAS:
            return False
    return True


def _instruction(verbs: list[Token]) -> bool:
    """Advice to the public on what to do: "Residents were asked to stay indoors", "The agency told travellers
    to check their flights"; "asked the court to rule" tells of a step someone took and stays."""
    for verb in verbs:
        if verb.lemma_.lower() not in INSTRUCTING_VERBS or not any(c.dep_ == "xcomp" for c in verb.children):
            continue
        told = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(t.lemma_.lower() in PUBLIC_NOUNS for t in told) and _tells_nothing_else(verb):
            return True
    return False


def _view(verbs: list[Token]) -> bool:
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma == "seem" or lemma == "look" and (any(c.dep_ == "acomp" and c.lower_ != "set" for c in verb.children)
                                                   or verb.i + 1 < len(verb.doc) and verb.nbor(1).lower_ == "like"):
            return True  # "Demand seems to have cooled", "It looks like a slowdown" ("looks at", "is looking
            # into", "looks set to" tell what someone does or what is coming)
        if lemma in VIEW_VERBS and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children):
            return True  # "I think the Fed will wait"
        if lemma in BELIEF_VERBS and any(c.dep_ == "nsubj" for c in verb.children) and any(
                c.dep_ == "ccomp" and not any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in c.children)
                for c in verb.children) and not any(t.dep_ == "conj" and t.tag_ in FINITE_TAGS and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in t.children) for t in verb.subtree):
            return True  # "The chamber believes that the rules should be kept", "Reyes believes the port will …"
            # ("thought the horse was lame and called a vet" tells what was done)
    return False


def _aim(verbs: list[Token]) -> bool:
    """What an aim is now or a plan someone has, with no figure: "The purpose of the fund is to buy more land", "The
    goal has been crime prevention", "The idea is that a jury of peers will hear the case", "It also has plans to
    expand abroad", "there are plans to reform the scheme". A past aim ("The goal was to keep the border shut")
    tells history and stays, and so does "has no plans to …" (a denial)."""
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma == "be" and _told_as_now(verb):
            if any(c.dep_ == "nsubj" and c.lemma_.lower() in AIM_NOUNS for c in verb.children) and any(
                    c.dep_ in ("xcomp", "ccomp", "attr") for c in verb.children):
                return True
            if any(c.dep_ == "expl" for c in verb.children) and any(
                    c.dep_ == "attr" and _a_plan(c) for c in verb.children):
                return True  # "there are plans about reforming …"
        if lemma == "have" and not any(c.dep_ == "neg" for c in verb.children) and any(
                c.dep_ == "dobj" and _a_plan(c) for c in verb.children):
            return True
    return False


def _a_plan(noun: Token) -> bool:
    """"plans to …", "plans about …"; "no plans" denies."""
    return noun.lemma_.lower() == "plan" and not any(c.lower_ == "no" for c in noun.children) and any(
        c.dep_ in ("acl", "prep", "relcl") for c in noun.children)


def _aspiration(verbs: list[Token]) -> bool:
    """A hope ("Oslo hopes the talks will succeed", "expressed the hope that …"), a readiness ("is ready to work
    with Lima", "is committed to deepening ties") or an agreement to go on talking ("agreed to continue their
    consultations"): no one can check it. Readiness and agreement about a measure ("is ready to lift the
    sanctions", "agreed to scrap the duties") tell a decision and stay."""
    for verb in verbs:
        if verb.lower_ in HOPE_FORMS or verb.lemma_.lower() == "express" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in HOPE_FORMS for c in verb.children):
            return True
        if verb.lemma_.lower() == "be":
            ready = [c for c in verb.children if c.dep_ == "acomp" and c.lower_ in READY_WORDS]
            if any(_process_only(r) for r in ready):
                return True
        elif verb.lemma_.lower() in PLEDGE_LEMMAS:
            if _process_only(verb) or any(c.dep_ == "ccomp" and _pledged_course(c) for c in verb.children):
                return True  # "agreed to keep in touch", "pledged that it will continue its reform"
        if _pledged_course(verb) or _vigilance(verb):
            return True
    return False


def _vigilance(verb: Token) -> bool:
    """"will monitor …", "will continue to watch …", "will also closely monitor …": watching promised (not
    negated), which no one can check; what was watched or found stays ("has monitored prices since May")."""
    if verb.lemma_.lower() == "continue":
        watched = [c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in WATCH_VERBS]
    else:
        watched = [verb] if verb.lemma_.lower() in WATCH_VERBS else []
    return bool(watched) and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children) and not any(
        c.dep_ == "neg" for w in watched + [verb] for c in w.children)


def _courtesy(span: Span, mains: list[Token]) -> bool:
    """Thanks, esteem, friendship and partnership of a diplomatic readout, in the sentence's own predicates or
    those joined to them ("regards Lima as a partner and stands ready to …"); a measure named anywhere in the piece
    ("thanked Oslo for lifting the ban") is news and stays."""
    if any(t.lemma_.lower() in MEASURE_NOUNS for t in span):
        return False
    predicates = mains + [c for verb in mains for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    for verb in predicates:
        lemma = verb.lemma_.lower()
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        objects += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
                    if p.dep_ == "pobj"]  # "regards Kenya as a partner"
        if lemma in COURTESY_LEMMAS or lemma in ("express", "convey", "extend") and any(
                o.lemma_.lower() in COURTESY_NOUNS or o.lower_ in COURTESY_NOUNS for o in objects):
            return True
        if lemma in ESTEEM_VERBS and any(o.lemma_.lower() in ESTEEMED_NOUNS for o in objects):
            return True
        if any(o.dep_ != "dobj" and o.lemma_.lower() in PARTNER_NOUNS and not _ranked(o)
               and not any(m.lower_ in TRADE_WORDS for m in o.children) and not _member_of_a_firm(o)
               for o in objects):
            return True
        if lemma == "share" and any(t.lemma_.lower() == "interest" and any(m.lower_ == "common" for m in t.children)
                                    for t in verb.subtree):
            return True
        if lemma == "make" and any(o.lemma_.lower() == "progress" for o in objects) and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in RELATION_NOUNS for c in verb.children):
            return True  # "the relationship has made steady progress"; "the talks made progress on …" stays
        if lemma in ("stand", "remain") and any(c.dep_ == "acomp" and c.lower_ in READY_WORDS and _process_only(c)
                                                for c in verb.children):
            return True  # "stands ready to expand cooperation", "will remain committed to deepening ties"
    return False


def _member_of_a_firm(noun: Token) -> bool:
    """"was a partner in a law firm", "a partner at Ruiz & Paz": a post held, not a courtesy ("an important
    partner in Africa" stays one)."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "at") and any(
        p.dep_ == "pobj" and (p.lemma_.lower() in FIRM_NOUNS or p.ent_type_ == "ORG") for p in c.children)
        for c in noun.children)


def _pledged_course(verb: Token) -> bool:
    """"Peru will continue to deepen ties with …", "Chile will firmly uphold free trade": a course pledged, with no
    measure in it ("will further cut duties on grain" names one and stays)."""
    if not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return False
    if verb.lemma_.lower() == "continue":
        # "will continue to deepen ties"; "will continue its reform" names a course, not a measure
        return _process_only(verb) or not any(c.dep_ == "xcomp" for c in verb.children) and _without_measure(verb) \
            and any(c.dep_ == "dobj" and c.lemma_.lower() in COURSE_NOUNS | REFORM_NOUNS for c in verb.children)
    return verb.lemma_.lower() in PROCESS_VERBS and _without_measure(verb) and any(
        c.dep_ == "advmod" and c.lower_ in COURSE_ADVERBS for c in verb.children)


def _process_only(head: Token) -> bool:
    """What `head` ("ready", "agreed") is to do is to go on talking or working together, about no measure."""
    done = [c for c in head.children if c.dep_ == "xcomp"]
    return bool(done) and all((c.lemma_.lower() in PROCESS_VERBS or _taking_part(c)) and _without_measure(c)
                              for c in done)


def _taking_part(verb: Token) -> bool:
    """"take part in …", "play a part in …": joining in, with nothing done."""
    return verb.lemma_.lower() == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)


def _without_measure(head: Token) -> bool:
    """Nothing under `head` names a measure, and it is not negated ("agreed not to …" is a decision)."""
    return not any(t.lemma_.lower() in MEASURE_NOUNS or t.dep_ == "neg" for t in head.subtree)


def _evaluation(verbs: list[Token]) -> bool:
    """"It is important / unfair / in the interest of both / time / too early to … / hard to say …": a judgment,
    not a fact."""
    for verb in verbs:
        if verb.lemma_.lower() != "be" or not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it"
                                                  for c in verb.children):
            continue
        for c in verb.children:
            if c.dep_ == "acomp" and (c.lower_ in NORMATIVE_WORDS and not _points_to_a_fact(c)
                                      or any(a.lower_ == "too" for a in c.children)
                                      or c.lower_ in DIFFICULTY_WORDS and any(
                        x.dep_ == "xcomp" and x.lemma_.lower() in KNOWING_VERBS
                        for x in (*c.children, *verb.children))) \
                    or c.dep_ == "attr" and c.lemma_.lower() == "time" and not _ranked(c) \
                    or c.dep_ == "prep" and c.lower_ == "in" and any(p.lemma_.lower() == "interest" for p in c.children):
                return True
    return False


def _praise(verbs: list[Token]) -> bool:
    """"… plays an important role", "has made great contributions", "will create new opportunities": praise, not
    a fact, unless the noun is ranked ("made the largest contribution"); "adheres to the principle of …" holds to a
    course and names no measure."""
    for verb in verbs:
        lemma = verb.lemma_.lower()
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [c for o in objects for c in o.conjuncts]  # "offered markets, opportunities and jobs"
        if any(lemma in PRAISE_OBJECTS.get(o.lemma_.lower(), ()) and not _ranked(o) for o in objects):
            return True
        if lemma in COURSE_VERBS and _without_measure(verb) and any(
                o.lemma_.lower() in COURSE_NOUNS for o in objects + [p for c in verb.children if c.dep_ == "prep"
                                                                     for p in c.children if p.dep_ == "pobj"]):
            return True  # "adheres to the principle of …", "will stick to its path of opening up"
    return False


def _ranked(noun: Token) -> bool:
    """"the biggest engine", "the first time", "the only bridge": a rank someone can check."""
    return any(m.tag_ in ("JJS", "RBS") or m.ent_type_ == "ORDINAL" or m.lower_ in ("first", "last", "only")
               for m in noun.children)


def _points_to_a_fact(adjective: Token) -> bool:
    """"It is important to note that …" hands on a fact: the fact is the claim."""
    return any(t.lemma_.lower() in ("note", "remember", "recall", "stress", "mention", "emphasize", "emphasise",
                                    "point", "bear") for t in adjective.head.subtree if t.dep_ in ("xcomp", "advcl"))


def _remarks_made(verbs: list[Token]) -> bool:
    """The occasion of what was said, told after it ("Lopez made the remarks at a briefing in Lima")."""
    return any(verb.lemma_.lower() == "make" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in REMARK_NOUNS for c in verb.children) for verb in verbs)


def _advice(verbs: list[Token]) -> bool:
    """What someone should do ("Japan should open its markets"), and what anything must become or do ("Electric cars
    must become cheaper through competition", "Transport must get faster"): a demand, no fact. "prices should
    ease" forecasts and stays, and so does "must have" ("the body must have been moved" infers what happened)."""
    for verb in verbs:
        auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if auxes & {"should", "must", "ought"} and _agent_subject(verb) \
                or auxes & {"must", "ought"} and not auxes & {"have", "'ve"}:
            return True
    return False


def _agent_subject(verb: Token) -> bool:
    """The verb's subject is someone who can act: a person, a government, a firm or a body."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and (subject.lower_ in AGENT_PRONOUNS or subject.ent_type_ in AGENT_ENTITIES
                                    or subject.lemma_.lower() in AGENT_NOUNS)


def _top_verbs(span: Span) -> list[Token]:
    """The span's own top verbs (a clause cut from its sentence, "but insisted that …", hangs on a verb outside
    it), and under a reporting one the verb of what was said."""
    start, end = span.start, span.end
    tops = [t for t in span if t.pos_ in ("VERB", "AUX") and (not start <= t.head.i < end or t.head.i == t.i)]
    return tops + [c for t in tops if t.lemma_.lower() in STATING_LEMMAS for c in t.children
                   if c.dep_ in ("ccomp", "xcomp")]


def _main_verbs(span: Span) -> list[Token]:
    """The sentence's own verb, and under a reporting verb ("…, brokers said") the verb of what was said."""
    root = span.root
    return [root] + ([c for c in root.children if c.dep_ in ("ccomp", "xcomp")]
                     if root.lemma_.lower() in REPORTING_LEMMAS else [])


def _has_figure(span: Span) -> bool:
    """A number other than a date or a time of day."""
    return any(_figure(t) and t.ent_type_ not in ("DATE", "TIME") for t in span)


def _figure(token: Token) -> bool:
    """A number, written out or in digits, also with its scale or unit in the same token ("8.5bn", "40km"); not a
    time of day before its zone or "o'clock" ("at 20.00 CET")."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ in tables().time_words or CLOCK_TIME.fullmatch(token.lower_):
        return False  # "at 20.00 CET", "(10.42pm)"
    if token.tag_ == "PRP":
        return False  # "one can see …": the pronoun, no count
    return token.like_num or token.ent_type_ in AMOUNT_ENTITIES and any(ch.isdigit() for ch in token.text)


def _has_quantity(span: Span) -> bool:
    """A figure other than a date, a time, an ordinal ("the 18th congress") or the count of the parties in
    the subject ("the two sides agreed")."""
    return any(_figure(t) and t.ent_type_ not in ("DATE", "TIME", "ORDINAL")
               and not (t.dep_ == "nummod" and t.head.dep_ in ("nsubj", "nsubjpass")) for t in span)
