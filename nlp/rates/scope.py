"""The scope of a rate move: its level where no phrase gave one, who moves it, on whom and on which goods."""
from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.official_countries import dateline_country
from nlp.rates.dates import when_named
from nlp.rates.levels import level_in_relative, level_of_it, own_level_is_previous
from nlp.rates.modality import answered_by, untold_move
from nlp.rates.parties import PartyReader, extent
from nlp.rates.percentages import Rate, free_rate
from nlp.rates.reading import MOVES_ON_A_RATE, Reading
from nlp.rates.triggers import RECEIVING_VERBS, STATE_VERBS, verb_lemma
from nlp.rates.view import DocView
from nlp.segments import sentence_segments
# subjects that stand for a country named before: "It decided to impose …", "The country announced …"
BACK_NOUNS = {"country", "nation"}
SUBJECT_DEPS = ("nsubj", "nsubjpass")


def refers_back(main: Token) -> bool:
    """The subject of the sentence's main verb, the move's verb or the one it is the complement or conjunct of,
    is "it" or "the country"."""
    verb = main
    while not any(c.dep_ in SUBJECT_DEPS for c in verb.children) and verb.dep_ in ("xcomp", "conj", "ccomp") \
            and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ROOT":
        return False  # "…, claiming that it will go on imposing duties": "it" is a subject of this sentence
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    return subject is not None and (subject.lower_ == "it" or subject.lower_ in BACK_NOUNS and any(
        c.lower_ in ("the", "this") for c in subject.children))


def subject_before(view: DocView, sent: Span, targets: list) -> str | None:
    """The country that is the subject (or the owner of the subject: "China's tariff commission") of the sentence
    just before, when it is none of the move's targets."""
    doc = view.doc
    start = next((s.start for s in sentence_segments(doc) if s.start < sent.start <= s.end), None)
    if start is None:
        return None
    for i in range(start, sent.start):
        code = view.places.get(i)
        tok = doc[i]
        if code is not None and (tok.dep_ in SUBJECT_DEPS or tok.dep_ in ("poss", "compound", "amod")
                                 and tok.head.dep_ in SUBJECT_DEPS):
            return code if code not in targets else None
    return None


def scope(st: Reading, view: DocView, lex, parties: PartyReader, sent: Span, sent_rates: list[Rate],
          other_heads: set[int], banks, last_bank) -> bool:
    """Complete the reading's level, parties and goods; False when they show no move (a lender's price, a move
    only talked of)."""
    doc, trig, head, noun, verbs, verb_actions = view.doc, st.trig, st.head, st.noun, st.verbs, st.verb_actions
    main, attached, nominal, held, in_answer_phrase = st.main, st.attached, st.nominal, st.held, st.in_answer_phrase
    action, announced, effective, ended = st.action, st.announced, st.effective, st.ended
    if not any(role == "rate" for _, role in attached) and main is not None:
        attached += level_of_it(doc, main, sent_rates, other_heads, lex)
    if not any(role == "rate" for _, role in attached) and action in ("raise", "cut"):
        # "…, which now stands at 3.85%", on the rate noun or, where the parser split them, the one beside the move
        attached += level_in_relative(doc, [head, *(doc[i] for i in sorted(other_heads))], sent_rates,
                                      other_heads, lex)
    if not attached:
        attached = free_rate(doc, sent, sent_rates, other_heads, lex)
    if trig.kind == "interest_rate" and not attached and main is not None and not held and untold_move(main, sent):
        return False  # "its mandate is to fight inflation by raising rates": a move talked of, none made
    if trig.kind == "interest_rate" and main is not None and main.tag_ == "VBG" and not announced \
            and not effective and not any(role == "rate" for _, role in attached) and any(
            c.dep_ == "aux" and c.lower_ in ("is", "are", "'s", "'re") for c in main.children):
        return False  # "the Fed and the ECB are still raising rates", "the bank is cutting rates a tenth at a
        # time": a campaign under way, no decision told
    # a rate named in a clause about something else ("Nairobi protested the 40% duty") takes its parties from
    # its own phrase, not from that clause's subject
    imposing, targets = parties.parties(sent, trig, noun, [] if nominal else verbs, banks, last_bank)
    if parties.lender:
        return False  # "Barclays and HSBC cut their base rates", "lenders raised mortgage rates": lenders' prices
    if imposing is None and trig.kind == "tariff" and (main is not None and refers_back(main) or refers_back(sent.root)):
        if main is not None and refers_back(main) and verb_lemma(main) in STATE_VERBS | RECEIVING_VERBS:
            # "The country faces a 20% duty on its car exports": who faces a tariff is its target, as when named
            named = subject_before(view, sent, [])
            targets = [named] + [t for t in targets if t not in ("ALL", named)] if named else targets
        else:
            imposing = subject_before(view, sent, targets)  # "It decided to impose …", "The country announced …"
    if imposing is None and trig.kind == "tariff" and action in ("cut", "remove") and noun.dep_ == "nsubjpass" \
            and not any(i in view.places for i in range(sent.start, sent.end)):
        # "OSLO, May 3 (Reuters) -- … Import duties on 300 items will be cut": a cut told in the passive with no
        # country named is the dateline's government's (a reporter abroad writes of that country's own tariffs)
        imposing = dateline_country(doc)
    if in_answer_phrase:
        # "in response to US duties of 25%": whose duties are answered is who imposed them, never the target
        owner = next((code for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "poss")
                      and (code := parties.code_in(c))), None)
        if owner is not None:
            imposing, targets = owner, [t for t in targets if t != owner]
    imposers = [imposing] + [c for c in parties.co_imposing if c not in targets]
    if imposing is None and trig.kind == "tariff" and len(targets) == 2 and main is not None and _pair_subject(main):
        imposers = list(targets)  # "Japan and Peru signed the deal. The two countries will make the first tariff
        # cut …": each on the other
    countries = [t for t in targets if t not in lex.product_names]
    if ended is not None:
        owner = next((parties.code_in(c) for c in ended.children if c.dep_ == "poss"), None)
        countries = [owner] if owner else countries
    products = [t for t in targets if t in lex.product_names] or parties.products_near(noun, verbs)
    answered = answered_by(noun)
    if answered is not None:
        # "approved countermeasures against US steel tariffs": the move is the answer, aimed at whoever set
        # the rate it answers (its goods are that rate's, not the answer's)
        owner = next((code for c in noun.children if c.dep_ in ("compound", "amod", "poss", "nmod")
                      for code in [parties.code_in(c) or parties.actor_in(*extent(c))] if code), None)
        if owner is not None and owner != imposing:
            countries, products = [owner], []
    if not countries and action in ("cut", "remove") and imposing is not None:
        partner = parties.deal_partner(sent, imposing)  # "under the pact with Britain, India will cut …"
        countries = [partner] if partner else []
    if not countries and action in MOVES_ON_A_RATE and trig.kind == "tariff" and any(
            c.lower_ in ("the", "these", "those") for c in noun.children):
        # "China put duties on Australian barley in 2020. Beijing will lift the duties from Saturday": the
        # duties named before, history or not, and whom they fall on
        earlier = parties.taxed_before(sent, imposing)
        countries = [earlier] if earlier else []
    when = when_named(view.dates, noun, main)
    if action in ("raise", "cut") or verb_actions[:1] in (["raise"], ["cut"]):
        # ("said it would raise its 10% duty to 50%": a threatened raise has its level before too)
        attached = own_level_is_previous(doc, noun, attached)
    # "steel and aluminum tariffs of 25% and 10%, respectively": two levels, not a range, each with its goods
    st.attached, st.imposers, st.countries, st.products, st.when = attached, imposers, countries, products, when
    return True


PAIR_SUBJECTS = {"the two countries", "both countries", "the two sides", "both sides", "the two nations", "both nations"}


def _pair_subject(main: Token) -> bool:
    """The move's subject is a pair named before ("the two countries", "both sides")."""
    subj = next((c for c in main.children if c.dep_ == "nsubj"), None)
    return subj is not None and " ".join(t.lower_ for t in subj.subtree) in PAIR_SUBJECTS
