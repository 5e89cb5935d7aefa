"""The cue table: which phrases state which status, and the words that gate them.

Each cue is a regular expression over a normalised clause. Order matters: the cues
before the bare "cancelled" verb (waits, revivals, endings, orders…) are specific and
win in CUES order; among the bare verbs the earliest in the clause wins (see rules.py).
Each cue also carries a gate, words one of which every match contains, so that its
pattern only runs where it could match (tests/test_rules.py keeps the gates true).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cue:
    status: str
    rule: str
    pattern: re.Pattern[str]
    negatable: bool = True
    gate: frozenset[str] = frozenset()  # substrings one of which every match contains


def _cue(status: str, rule: str, pattern: str, negatable: bool = True) -> Cue:
    return Cue(status, rule, re.compile(pattern), negatable, frozenset(_GATES[rule]))


# Python's re tries an alternation at every position of a sentence, so each cue first
# checks for a word its every match must contain (tests/test_rules.py keeps them true).
_GATES: dict[str, tuple[str, ...]] = {
    "bubble": ("bubble",),
    "fate-undecided": ("fate", "future"),
    "no-decision": (
        "no ",
        "talks",
        "yet to",
        "remain",
        "undecided",
        "await",
        "any ",
        "without",
        "still ",
        "decision",
        "under ",
    ),
    "no-green-light": ("green",),
    "not-to-series": ("to series",),
    "project-not-greenlit": ("greenlit", "green-lit", "picked up", "ordered"),
    "not-yet": (
        "been ",
        "has not",
        "hasn't",
        "have not",
        "haven't",
        "nothing",
        "there be",
        "is there",
        "are we getting",
        "decision",
        "limbo",
        "balance",
        "looking",
        "look",
        "safe bet",
        "shoo-in",
        "lock for",
        "on track",
        "no such",
        "committed",
        "go-ahead",
        "go ahead",
    ),
    "hinted": (
        "short of",
        "all but",
        "teas",
        "clear ",
        "uncertain ",
        "guarantee",
        "guess",
        "hopeful",
    ),
    "left-out": (
        "not among",
        "absent from",
        "missing from",
        "left off",
        "excluded from",
        "not on",
        "not part of",
        "not included",
        "not one of",
    ),
    "odds": ("odds", "chances", "prospects", "#", "campaign", "petition", "now that"),
    "plans": (
        "plan",
        "mapped",
        "mapping",
        "maps out",
        "envision",
        "roadmap",
        "vision",
        "idea",
        "and ready",
        "as if there",
        "as though there",
    ),
    "denied": (
        "deni",
        "disput",
        "refut",
        "shot down",
        "walked back",
        "knocked down",
        "pushed back",
        "pushing back",
        "pushes back",
        "push back",
        "consideration",
        "in error",
        "reports",
        "report ",
    ),
    "wait": (
        "making",
        "call",
        "decision",
        "promise",
        "wait",
        "in the dark",
        "we'll see",
        "comment",
        "up to",
        "whether we",
        "still ",
        "phone",
        "declined",
        "said",
    ),
    "wait-said": (
        "silen",
        "until",
        "say yes",
        "quiet",
        "mum",
        "tight-lipped",
        "court",
        "to decide",
        "will decide",
        "love to",
        "like to",
        "faces",
        "faced",
        "facing",
        "hopeful",
        "hoping",
    ),
    "facing-the-axe": ("fac", "chopping", "danger", "risk"),
    "development": (
        "develop",
        "pilot",
        "script",
        "works",
        "stages",
        "consideration",
        "writers",
        "shopping",
        "writing",
        "penning",
        "commitment",
        "optioned",
        "working on",
        "shopped",
        "adapted",
    ),
    "revived": (
        "reboot",
        "continuation",
        "reviv",
        "resurrect",
        "rescue",
        "saved",
        "saves",
        "new home",
        "new life",
        "brought back",
        "bringing back",
        "back from",
        "cancel",
        "second life",
        "new lease",
        "to save",
        "swoop",
        "pick",
    ),
    "final-season-aired": ("final", "last", "reached"),
    "final-season": (
        "final",
        "last",
        "end",
        "conclude",
        "wrap",
        "swan",
        "bow",
        "farewell",
        "beyond",
        "past",
        "come to",
        "coming to",
        "signing off",
        "cap",
        "sunset",
        "curtain",
        "finish",
        "close out",
    ),
    "ended": (
        "its last",
        "its final",
        "their last",
        "their final",
        "s last",
        "s final",
        "run ",
        "finale",
        "end",
        "signed off",
        "signing off",
        "for good",
        "close",
        "concluded",
        "wrapped",
        "ran ",
        "aired",
        "came to",
        "finished",
        "episode",
        "the book",
        " from 19",
        " from 20",
        "goodbye",
        "farewell",
        "bowed",
        " as a limited",
        " as a mini",
        "off the air",
    ),
    "run-years": ("(19", "(20"),
    "series-order": (
        "order",
        "greenlit",
        "green-lit",
        "commission",
        "picked up",
        "straight-to",
        "anime",
        "commitment",
        "series pick",
    ),
    "cancelled": (
        "cancel",
        "axe",
        "axing",
        "scrap",
        "canned",
        "nix",
        "binned",
        "plug",
        "dropped",
        "cut ",
        "kill",
        "decommission",
        "dumped",
        "ditched",
        "shelved",
        "nuked",
        "the ax",
        "the boot",
        "the chop",
        "the pin",
        "to end",
        "rescind",
        "revoked",
        "reversed",
        "curtains",
        "dead",
        "rest in peace",
        "rip ",
    ),
    "done": ("over", "done"),
    "season-confirmed": (
        "confirm",
        "announc",
        "commit",
        "signed on",
        " more",
        "on the way",
        "on its way",
        "in production",
    ),
    "will-not-return": (
        "not",
        "n't",
        "no ",
        "passed on",
        "no longer",
        "opted",
        "decided",
        "chose",
        "elected",
        "against",
        "nor ",
        "declined",
        "fail",
    ),
    "renewed": (
        "renew",
        "go-ahead",
        "goahead",
        "ahead with",
        "re-up",
        "reup",
        "pick",
        "commission",
        "keep",
        "bring",
        "reunit",
        "green",
        "handed",
        "order",
        "gave",
        "give",
        "grant",
        "return",
        "back",
        "a go",
        "happening",
        "moving forward",
        "get",
        "got",
        "earn",
        "score",
        "land",
        "season",
        "extend",
        "confirm",
        "locked in",
        "locks in",
        "locking in",
    ),
    "renewed-plainly": (
        "be more",
        "yes to",
        "on the air",
        "more episodes",
        "thumbs",
        "continue",
        "run by",
        " back",
    ),
    "kept-through": ("through",),
    "network-ends": ("the book",),
    "let-go": ("let",),
    "in-production": ("shooting", "filming", "production on", "rolling"),
    "brought-back": (" back",),
    "episode-order": ("episode order", "episode pickup"),
    "ordered-title": ("ordered", "commissioned", "greenlit", "green-lit"),
}


# A season number in words or digits: "series five", "season 10".
_NUMBER = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
)

_ORDINAL = (
    r"(?:[\w]+-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth|\w+teenth|\w+ieth|\d+(?:st|nd|rd|th))"
)

_NETWORK = (
    r"(?:netflix|hulu|peacock|hbo|max|showtime|starz|amc|fx|nbc|cbs|abc|fox|the cw|"
    r"apple(?: tv\+?)?|prime video|amazon|disney\+?|paramount\+?|"
    r"bbc(?: (?:one|two|three|four|scotland))?|itv|channel 4|sky|"
    r"the network|the streamer|the channel)"
)

# Order matters: more specific cues first.
CUES: tuple[Cue, ...] = (
    _cue("pending", "bubble", r"\bon the (?:renewal |cancell?ation )?bubble\b", False),
    _cue(
        "pending",
        "fate-undecided",
        r"\b(?:fates?|future)\b[^.]{0,40}\b(?:unknown|uncertain|undecided|up in the air|unclear|"
        r"(?:still )?being (?:weighed|decided|considered|discussed)|"
        r"in limbo|hangs in the balance|remains to be seen|yet to be (?:decided|determined))",
        False,
    ),
    _cue(
        "pending",
        "no-decision",
        r"\b(?:any|no) (?:official |final )?(?:renewal )?(?:word|news|decision|update|"
        r"announcement|confirmation)\b(?= (?:has|had) been (?:made|reached|announced))|"
        r"\b(?:any|no) (?:official |final )?(?:word|news|decision|update|announcement|"
        r"confirmation)\b"
        r"[^.]{0,30}\b(?:yet|on|about|regarding|whether|if)\b|\bhas yet to (?:decide|announce|"
        r"confirm|pick up|order|renew|greenlight|say)|\bremains? (?:to be seen|undecided)|"
        r"\bundecided\b|\bwithout (?:a |any )?(?:verdict|decision)\b|"
        r"\bno (?:commitment|decision) either way\b|"
        r"\b(?:has|have|had) (?:made|reached) no (?:official |final )?decision\b|"
        # "in early talks about a second season": a negotiation, not an order
        r"\bin (?:early |preliminary |ongoing |active |initial )?talks (?:with [^.;]{1,40}? )?"
        r"(?:about|for|over|on|regarding) (?:a |an |another )(?:[\w-]+ )?(?:season|series)\b|"
        r"\bawaits? (?:its|a|word|news|the) ?(?:fate|decision|renewal|verdict)?|"
        r"\bawaiting (?:a |its |word |news )?(?:renewal|decision|fate|word|news)|"
        # "the show is still being discussed", "a decision isn't expected until June"
        r"\b(?:is|are) still (?:being )?(?:discussed|weighed|considered|evaluated|under review)\b|"
        r"\b(?:is|are|remains?) (?:still )?[\"“]?under (?:discussion|review)\b|"
        r"\b(?:pushed|delayed|postponed|put off) (?:its|the|a|any) (?:[\w-]+ )?decision\b|"
        r"\bdecision (?:isn't|is not|won't be|will not be|is) (?:expected|due|likely) "
        r"(?:until|before|by|in|later|any)\b|\bdecision (?:has been|was) (?:pushed|delayed|"
        r"postponed)\b",
        False,
    ),
    _cue("pending", "no-green-light", r"\bno green ?light\b", False),
    # "has not ordered Saltwater Kings to series", "has not been picked up to series": a
    # project short of a series order is in development, not waiting on a renewal.
    _cue(
        "in_development",
        "not-to-series",
        r"\b(?:has not|hasn't|have not|haven't|had not|hadn't|is not|isn't|was not|wasn't|"
        r"not yet|not been)(?: yet| been| officially)* (?:ordered|picked up|greenlit|green-lit)"
        r"(?: [^.;,]{1,60}?)? to series\b",
        False,
    ),
    # "the project hasn't been greenlit": a project, not a show waiting on a renewal
    _cue(
        "in_development",
        "project-not-greenlit",
        r"\b(?:project|pilot|script|adaptation|pitch) (?:has not|hasn't|have not|haven't|had not|"
        r"hadn't|was not|wasn't)(?: yet)? (?:been )?(?:greenlit|green-lit|picked up|ordered)\b",
        False,
    ),
    _cue(
        "pending",
        "not-yet",
        r"\b(?:has not|hasn't|have not|haven't)(?: yet| actually| officially)? (?:ordered|renewed|"
        r"picked up|greenlit|green-lit|confirmed|announced|said|decided|made)\b|"
        # "No second season has been announced yet", "a third series hasn't been confirmed"
        r"\bno (?:[\w-]+ )?(?:season|series)(?: \w+)? (?:has|have) (?:yet )?been "
        r"(?:announced|confirmed|ordered|commissioned|greenlit|green-lit)\b|"
        rf"\b(?:(?:a|an|another) (?:[\w-]+ )?(?:season|series)|(?:season|series) {_NUMBER})"
        r"(?: of (?:[\w'’:&-]+ ){0,3}[\w'’:&-]+)?(?: \w+)? (?:has not|hasn't|have not|haven't)"
        r"(?: yet)? been (?:officially |formally )?(?:announced|confirmed)\b|"
        # "a second season has not been ordered yet"
        r"\b(?:has not|hasn't|have not|haven't)(?: yet)? been (?:ordered|commissioned|"
        r"picked up|greenlit|green-lit)\b(?! to series)|"
        r"\bnothing (?:is |has been )?(?:official|confirmed|decided)(?: yet)?\b|"
        r"\b(?:has not|hasn't|have not|haven't|not)(?: yet)? committed to (?:a |an |another )"
        r"(?:[\w-]+ )?(?:season|series|renewal)?|"
        r"\b(?:will there be|is there|could there be|is there going to be|are we getting) "
        r"(?:(?:a |an |another )?(?:\w+ )?(?:season|series)\b|more\b)|"
        # "ahead of what's expected to be a decision in the coming weeks"
        r"\bexpected to be (?:a |the )?decision\b|"
        r"\bdecisions? (?:on|about|regarding) [^.]{0,50}\b(?:expected|due|coming|come|comes|"
        r"pending|(?:could|will|may|might) take|(?:won't|will not) (?:be )?(?:made|come))\b|"
        r"\b(?:safe bet|shoo-in|lock|on track) for (?:a |an )?(?:\w+ )?"
        r"(?:season|renewal|pickup)\b|"
        r"\bin limbo\b|\b(?:hangs?|hanging) in the balance\b|\bnot looking (?:good|great)\b|"
        r"\blooks? (?:bleak|grim|dire|uncertain)\b|"
        r"\bno such (?:vote of confidence|luck|renewal|pickup|order|announcement|news)\b|"
        # "there's nothing to announce", "said nothing about Creekside", "hasn't been given
        # the go-ahead"
        r"\bnothing to (?:announce|report|share)\b|\bsaid nothing (?:about|on|regarding)\b|"
        r"\b(?:has not|hasn't|have not|haven't)(?: yet)? (?:been given|received|gotten|got) "
        r"the go-?ahead\b|"
        # "Bell Media has not commented on a third"
        r"\b(?:has not|hasn't|have not|haven't|had not|hadn't)(?: yet)? (?:commented|spoken) "
        rf"(?:publicly )?(?:on|about) (?:a |an |another )(?:{_ORDINAL}\b|(?:[\w-]+ )?"
        r"(?:season|series|renewal)\b)",
        False,
    ),
    # "stopped short of renewing it", "all but confirmed a third season", "teased a third
    # season", "it's not clear there will be a fourth season": a decision hinted at
    _cue(
        "pending",
        "hinted",
        r"\bstop(?:s|ped|ping)? short of (?:renewing|confirming|ordering|announcing|"
        r"committing to|greenlighting|green-lighting|picking up|an? )|"
        r"\ball but (?:confirmed|promised|guaranteed|announced)\b|"
        # "the creator is hopeful for season 3"
        rf"\bhopeful (?:for|about|of) (?:(?:season|series) {_NUMBER}\b|(?:a |an |another )"
        r"(?:[\w-]+ )?(?:season|series|renewal)\b)|"
        r"\bteas(?:ed|es|ing) (?:a |an |another )(?:[\w-]+ )?season\b|"
        r"\b(?:not clear|unclear|uncertain|no guarantee|anyone's guess) (?:whether |if |that )?"
        r"(?:there will be|there'll be|it will get|it gets|the (?:show|series) (?:will )?gets?) "
        r"(?:a |an |another )",
        False,
    ),
    # "was not among the five dramas ABC renewed", "absent from the list of shows picked
    # up": left out of a round of renewals, so still waiting
    _cue(
        "pending",
        "left-out",
        r"\b(?:was|is|were|are)(?: notably| conspicuously)? (?:not (?:among|on|part of|"
        r"included in|one of)|absent from|missing from|left off|excluded from)\b[^.;]{0,60}?"
        r"\b(?:renew\w*|picked up|pickups?|ordered|returning)\b|"
        # "Renewal announcements went out in April; Night Orchard was not among them"
        r"\b(?:was|is|were|are)(?: notably| conspicuously)? not among them\b",
        False,
    ),
    _cue(
        "pending",
        "denied",
        r"\b(?:denied|denies|disputed|disputes|refuted|refutes|shot down|walked back|"
        r"knocked down|push(?:ed|es|ing)? back on) (?:the |those |these |that |a )?"
        r"(?:report|reports|"
        r"rumou?rs?|claims?|story)|\b(?:remains?|is still) [\"“'‘]?under consideration|"
        r"\b(?:published|posted|sent) in error\b|\bcalled (?:the |those |these )?reports? "
        r"(?:premature|false|inaccurate|untrue|wrong)",
        False,
    ),
    _cue(
        "pending",
        "wait",
        r"\b(?:make|made|making|makes) (?:that|a|the|its|any|a final) (?:call|decision)\b|"
        r"\bno promises\b|(?:\bnot|n't) making (?:any )?promises\b|\bnow we wait\b|\bwe'll see\b|"
        r"\bdeclined to (?:confirm|say|comment)\b|"
        r"\b(?:has not|hasn't|have not|haven't|declined to|did not|didn't) (?:yet )?"
        r"comment(?:ed)? on (?:the [\w-]+'s|its|a|the) (?:future|fate|renewal)|"
        r"waiting by the phone|"
        # "fans are still in the dark about whether Hulu wants a third season"
        r"\bin the dark (?:about|on|over|as to) (?:whether|if|a |an |the (?:show's |series' )?"
        r"(?:future|fate|renewal))|"
        r"\bis up to (?:the network|the streamer|[a-z+]+)\.?$|\bwhether we get\b|"
        r"\bstill (?:waiting|deciding|weighing|evaluating)\b|\bwaiting (?:on|for) (?:a |the )?"
        r"(?:decision|verdict|word|green ?light|pickup)|"
        # "she's waiting on Showtime like everyone else", "waiting to hear from Hulu"
        r"\bwaiting (?:on|for|to hear from) (?:netflix|hulu|peacock|hbo|max|showtime|starz|"
        r"amc|fx|nbc|cbs|abc|fox|the cw|apple|prime video|amazon|disney\+?|paramount\+?|"
        r"the network|the streamer|the channel)\b(?!'s)|"
        r"\bnobody'?s said (?:yes|no)\b|\b(?:hasn't|has not|haven't) said a (?:word|thing)\b",
        False,
    ),
    # "rattled by HBO's silence on a fourth season", "the network has stayed silent about
    # its future", "faces the same wait", "Hulu is expected to decide on a third by May",
    # "we'd love to do a third season"
    _cue(
        "pending",
        "wait-said",
        r"\bfac(?:es|ed|ing) (?:the same |a |an |another )(?:[\w-]+ )?wait\b|"
        r"\bsilen(?:ce|t) (?:on|about|over|regarding) (?:a|an|the|its) (?:[\w-]+ )?"
        r"(?:season|series|renewal|future|fate)\b|"
        r"\b(?:expected|set|due|going|poised|yet) to decide\b|\bwill decide (?:on|whether|if)\b|"
        r"\b(?:'d|would) (?:love|like) to (?:do|make|see|have|get) (?:a |an |another )"
        r"(?:[\w-]+ )?season\b|"
        # talent hoping: "'hopeful' about a fourth season", "still hoping for another season"
        # (not the noun: "hopes for a fourth season were dashed")
        r"\b(?:hopeful'?|hoping) (?:about|for|of) (?:a |an |another )(?:[\w-]+ )?(?:season|series|"
        r"renewal)\b|"
        # "NBC has until its May upfront to decide", "we just need Hulu to say yes", "Shudder
        # has stayed quiet", "the ball's in their court"
        r"\b(?:has|have) until [^.;]{1,40}? to decide\b|\bto say yes\b|"
        r"\b(?:has|have) (?:so far |largely |publicly )?(?:stayed|remained|kept|been) "
        r"(?:quiet|silent|mum|tight-lipped)\b|"
        r"\bball'?s? (?:is )?(?:now )?in (?:their|its|the [\w+ ]{1,20}'s|[\w+]+'s) court\b",
        False,
    ),
    _cue(
        "pending",
        "facing-the-axe",
        r"\b(?:facing|faces|face) (?:the )?(?:axe|ax|chopping block|cancell?ation)|"
        r"\bon the chopping block\b|\bin danger of (?:being )?(?:cancell?ed|axed)\b|"
        r"\bat risk of (?:being )?(?:cancell?ed|axed|cancell?ation)\b",
        False,
    ),
    _cue(
        "in_development",
        "development",
        r"\b(?:in (?:early |active )?development|(?:is |are )?developing\b(?! (?:story|news))|"
        r"pilot (?:order|script)|script[\w-]* commitment|(?:being|been) developed\b|"
        r"ordered (?:a|the) pilot\b(?!-)|script (?:order|commitment|deal)|"
        # "has been optioned for television", "HBO is working on a Lumen series", "a pilot
        # for Lumen has been shot", "is being shopped", "is being adapted into a series"
        r"\boptioned (?:for|by|as)\b|"
        r"\bworking on (?:a|an) (?:[\w'’:&-]+ ){0,3}(?:series|adaptation|show|reboot|spinoff|"
        r"spin-off|pilot|remake)\b|"
        r"\bpilot (?:for [^.;]{1,40} )?(?:has been|was|is being) (?:shot|filmed|made)\b|"
        r"\bbeing shopped\b|"
        r"\b(?:is being|has been|will be) adapted (?:into|as) (?:a |an )(?:[\w-]+ )?"
        r"(?:tv |television )?(?:series|show|drama|miniseries)\b|put (?:it )?in development|"
        r"development deal|shopping (?:the|a) (?:project|series)|"
        # (not "its second season is officially in the works": a season ordered)
        r"(?<!season is )(?<!season is officially )(?<!season is now )in the works|"
        r"put [^.;]{1,80}? in(?:to)? development|"
        r"(?:early|initial) stages|under consideration|"
        r"writers'? room (?:has )?(?:opened|assembled|convened)|"
        r"(?:opened|opens|opening|assembled|convened|staffed|staffing) (?:a|the|its) "
        r"writers'? room|"
        r"(?:is|are) (?:writing|penning) (?:the|a) (?:pilot|script))",
    ),
    _cue(
        "revived",
        "revived",
        r"\b(?:reviv(?:ed|es|ing|al|e\b)|resurrect(?:ed|s|ing)|rescued|rescues|saved by|"
        r"(?:has|have) saved|(?:been|is|was) saved\b|un-?cancell?ed|"
        r"(?:found|finds|given|gets?|got|earned|has|have) (?:a )?(?:new home|second life|"
        r"new lease on life)|"
        r"to save (?:the (?:series|show)|it)\b|swoop\w* in|"
        r"new (?:home|life) (?:at|on)|"
        r"(?:is|are|comes?|coming|came) back from the dead|"
        # "Hightower is being rebooted", "ordered a 10-episode continuation"
        r"(?:is|are|was|were|has been|have been|will be) (?:being |officially )?rebooted\b|"
        r"(?:ordered|orders|commissioned|greenlit|green-lit) (?:a |an )(?:[\w-]+ )?continuation\b|"
        # "picked up the Peacock-cancelled comedy", "Picks Up Cancelled Sci-Fi Series"
        r"(?:picked|picks|pick|picking) up (?:the |a |an |this |that )?(?:[\w+'’-]+-)?"
        r"(?:cancell?ed|axed|scrapped|dropped)(?: [\w-]+){0,3}? (?:series|show|drama|comedy|"
        r"sitcom|thriller|procedural|dramedy|western|mystery|anthology|docuseries)\b|"
        # "Amazon picked up Lanternfish after Hulu dropped it"
        r"(?:picked|picks) up (?:[\w'’:&-]+ ){1,5}after (?:[\w+&-]+ ){1,3}(?:had )?"
        r"(?:cancell?ed|dropped|axed|scrapped|dumped|canned) (?:it|them)\b)",
    ),
    # "Max has closed the book on Copper Sky": a network ending a show cancels it (a show
    # that closes the book on its story has ended: see "ended")
    _cue(
        "cancelled",
        "network-ends",
        rf"\b{_NETWORK} (?:has |have |is |are |quietly |officially )*(?:closed|closes|closing) "
        r"the book on\b",
    ),
    # "Starz has let Hollow Pines go after two seasons"
    _cue(
        "cancelled",
        "let-go",
        rf"\b{_NETWORK} (?:has |have |had |quietly |officially )*(?:let|lets) "
        r"(?!(?:the |its |their |some |most )?(?:cast|crew|staff|writers|employees|workers|"
        r"actors|stars?|hosts?|showrunners?|people|executives)\b)"
        # "has let similarly well-regarded shows go": shows in general
        r"(?!(?:[\w'’-]+ ){0,3}(?:shows|dramas|comedies|titles|originals|programmes) go\b)"
        r"(?:[\w'’:&-]+ ){1,5}go\b(?! (?:of|to|on|ahead|forward|home|early|back)\b)",
    ),
    _cue(
        "ended",
        "final-season-aired",
        r"\b(?:aired|wrapped|concluded|finished|completed|ended|capped|closed out|wrapped up|"
        r"released|dropped|premiered|debuted) "
        r"(?:its|their|the|with its) (?:[\w-]+ )?(?:and )?(?:final|last) (?:season|episode|"
        r"chapter|run)|\b(?:final|last) (?:season|episode),? (?:which |that )?(?:aired|premiered|"
        r"wrapped|ended|concluded|dropped|came out|streamed|debuted) (?:in|on|last|back)\b|"
        # "its fifth and final season, announced as its last, concluded Friday", "when its
        # final season finished airing in May": the planned end has come
        # "the final series of the ITV comedy concluded on Sunday", "its final season - its
        # third - finished on Monday", "the final season, cut short, wrapped in October"
        r"\b(?:final|last) (?:season|series)\b"
        r"(?: of (?:the |its )?(?:[\w'’&:+-]+ ){0,4}?[\w'’&:+-]+)?"
        r"(?:(?:,| -)[^.;]{1,70}?(?:,| -))? (?:has |had )?(?:concluded|ended|wrapped(?: up)?|"
        r"finished airing|finished|came to an end|signed off|"
        # "the third and final season of the thriller, released June 27, brought the story
        # to a close"
        r"(?:brought|has brought) (?:[\w'’-]+ ){0,5}to (?:a |an )?(?:close|end))\b"
        r"(?! (?:production|filming|shooting|principal))|"
        r"\btook (?:its|their|a) final bow\b|"
        r"\breached (?:its|their|a) (?:planned |natural |long-planned |intended )?"
        r"(?:conclusion|end)\b",
    ),
    _cue(
        "ending",
        "final-season",
        # ("two final seasons": a count; "the final seasons of Lost and Heroes" are two shows)
        r"\bfinal (?:season|(?:(?<=two final )|(?<=three final ))seasons|chapter|installment|"
        r"run of episodes|batch of episodes|outing|ride|"
        r"go-round|hurrah|bow|series(?! (?:order|finale|premiere)))\b|"
        # "last season" alone usually means the previous one; "its last season" does not.
        r"\b(?:its|their|a|one|and) last (?:season|chapter|installment|ride|hurrah|outing)\b|"
        # an aside naming a season as the last: "its third season - its last - is streaming"
        r"\b(?:season|series)\b[^.;,()-]{0,40}(?:,| -| \() (?:and )?(?:its|their|the "
        r"(?:show|series|drama|comedy)'s) (?:last|final)(?: one| season| series)?(?=,| -|\))|"
        r"\bwill (?:now |officially |ultimately |also )?(?:end|conclude|wrap(?: up)?) "
        r"(?:with|after|its run|next|in|when)|"
        # a headline's infinitive is its future: "Salt & Stone to End With Season 3"
        r"\bto (?:end|conclude|wrap(?: up)?) (?:with|after) (?:season|series) \w+\b|"
        r"\b(?:coming|come) to an end\b|\bwrapping up (?:its|the) (?:run|story)|"
        r"\bend(?:s|ing)? (?:its|the) (?:run|story) with|\bswan song\b|"
        # "Salt Flats — Ending with its upcoming fourth season."
        r"\bending with (?:its|the|their) (?:upcoming|next|forthcoming|coming|current|new) |"
        rf"\bending with (?:its|the|their) {_ORDINAL} (?:season|series)\b|"
        # "Hacks is ending with season 5", "ends with series 4" (not "ends with a bang")
        rf"\b(?:is|are) (?:ending|wrapping up|concluding|signing off|bowing out) with "
        rf"(?:season|series) {_NUMBER}\b|"
        # "Season 4 will close out Lumen's run"
        rf"\b(?:season|series) {_NUMBER} will (?:close out|wrap up|conclude|cap off|cap|end) "
        r"(?:[\w'’:&-]+ ){0,4}(?:run|story|saga|series)\b|"
        r"\bbow(?:s|ing)? out\b(?! in (?:19|20)\d\d)|\bfarewell (?:season|run|episodes)\b|"
        r"\bride off into the sunset\b|\bcurtain call\b|\bswansong\b|"
        r"\b(?:will be|would be|is) the (?:last|final)(?= one\b| season\b| chapter\b|[.,;!]|$)|"
        r"\b(?:will be|is) the end of the road\b|"
        r"\b(?:take|takes|taking) (?:its|a) final bow\b|"
        r"\b(?:decided|decides|opted|chose|chosen|plans?|planning) to "
        r"(?:end|conclude|wrap(?: up)?) (?:[\w'’:&-]+ ){1,4}(?:with|after) (?:its|the|their) "
        r"(?:upcoming|next|forthcoming|coming|new)\b|"
        r"\b(?:will (?:also |now )?be|would (?:also )?be|is|as) (?:also |now |officially )?"
        r"(?:its|their|the (?:[\w'-]+ ){0,3}?"
        r"(?:show|series|drama|comedy|thriller|mystery|sitcom|dramedy|procedural|western)'s?) "
        r"(?:last|final)\b|\bwon't (?:go|continue) (?:beyond|past)|"
        # "Season 5 is confirmed as the last", "and told everyone it's the last", "the next
        # season will conclude the series"
        r"\b(?:confirmed|announced|billed|set|slated|locked in|named) as (?:the|its) "
        r"(?:last|final)(?= one\b| season\b| series\b| chapter\b|[.,;!]|$)|"
        r"\b(?:it|that|this)(?:'s|'ll be| is| will be) (?:the|its) (?:last|final)"
        r"(?= one\b| season\b| chapter\b|[.,;!]|$)|"
        r"\bwill (?:conclude|end|close out|wrap up|finish) the (?:series|show|story|saga)\b",
    ),
    _cue(
        "ended",
        "ended",
        r"\b(?:series|show) finale (?:of (?:[\w'&:-]+ ){1,6})?(?:aired|has aired|airs|streamed|"
        r"went out|dropped)\b|"
        # "aired its series finale on Sunday, closing out a five-season run"
        r"\b(?:aired|streamed|broadcast|delivered) (?:its|their|the) (?:[\w-]+ )?series finale|"
        # (not "closed out its sophomore run": a season's)
        r"\bclos(?:ed|ing) out (?:a|its|their) (?!(?:[\w-]+ )?(?:sophomore|freshman|debut|"
        rf"first|season|{_ORDINAL}-season)\b)(?:[\w-]+ ){{0,2}}run\b|"
        r"\bb(?:id|ade|ids) (?:a )?(?:fond |final |tearful )?farewell\b|"
        # "its run is over": a run ends however it ends; a network cancelling is news
        r"\brun (?:is|was|has been) (?:officially |now )?over\b|"
        # "The fourth season of Hacks was its last"
        r"\b(?:season|series) [^.;]{0,40}\b(?:was|proved to be|turned out to be) (?:its|their|the "
        r"(?:show|series|drama|comedy)'s) (?:last|final)\b(?! (?:for|before|until)\b)|"
        # "the final episode of Neon Saints aired" (not "of the season", "of the arc")
        r"\b(?:last|final)(?:-ever)? episode (?:of (?!(?:the |this |its |their |last |next )?"
        r"(?:season|week|year|half|part|volume|chapter|arc|run)\b)(?:[\w'&:-]+ ){1,6})?"
        r"(?:went out|aired|airs|has aired|dropped|streamed)|"
        r"\b(?:last|final)(?:-ever)? episode,? (?:which|that) (?:aired|went out|streamed)\b|"
        r"\bsign(?:ed|ing) off for good\b|"
        r"\b(?:wrapped|ended|closed|shut|shuttered|retired|closing out|closed out|wrapping up) "
        r"(?:[\w'-]+ ){0,3}for good\b|"
        # "the now-concluded Lumen", "went off the air in 2018"
        r"\bnow-(?:concluded|ended|finished|wrapped|departed)\b|\bwent off the air\b|"
        r"\bclos(?:e|es|ed|ing) the book on\b|"
        r"\b(?:ended|concluded|wrapped)(?: [\w-]+){1,3} after (?:\w+ )?(?:seasons|series)\b|"
        r"\b(?:ended|wrapped(?: up)?|concluded|finished|completed|closed out) (?:its|their) "
        r"(?:(?:planned|intended|scheduled|promised|[\w-]+-season) ){0,2}run|"
        # wiki style: "aired on SundanceTV from 2015 to 2019"; "said goodbye on Sunday"
        # "aired on NBC from September 24, 2019, to May 16, 2024"
        r"\b(?:aired|ran) (?:(?:for )?\w+ seasons )?(?:on [\w+&' ]{1,30} )?from "
        r"(?:[a-z]+ \d{1,2}, )?(?:19|20)\d\d,? (?:to|until|through) (?:[a-z]+ \d{1,2}, )?"
        r"(?:19|20)\d\d\b|\bsaid (?:its |a |a final |their )?(?:goodbye|farewell)\b(?! to)|"
        r"\bsigned off\b(?! on (?:a |an |another )?(?:[\w-]+ )?season)|"
        r"\b(?:was|is) (?:truly |really |finally |officially )?the end of the line for\b|"
        # "can't believe it's over after 4 seasons"
        r"\b(?:it's|it is|is|it was) (?:all |finally |really )?over after (?:\w+ )(?:seasons|"
        r"series|years)\b|"
        r"\bending (?:[\w'’:&-]+ ){1,4}after (?:\w+ )?(?:seasons|series)\b|"
        r"\bend(?:ing|ed|s) (?:the|its|their) (?:saga|story|series)\b(?! with)|"
        # "Adolescence was made as a limited series": one season, by design, and made
        r"\b(?:was|were) (?:always )?(?:made|conceived|designed|billed|intended|planned|"
        r"created|written) as a (?:limited series|miniseries|mini-series)\b|"
        r"\bfinished its run\b|\b(?:brought|bringing|came|comes|"
        r"coming|drew) (?:[\w'’-]+ ){0,6}to (?:a |an )?(?:close|end)\b(?! of)|"
        # "Five years after it ended, Fenwick still holds up"
        r"\b(?:years?|months?|decades?) (?:after|since) (?:it|the (?:show|series)|"
        r"(?:(?!(?:its|the|their)\b|season|finale|episode)[\w'’:&-]+ ){1,5}?)(?:ended|"
        r"wrapped(?: up)?|went off the air|signed off|concluded)\b|"
        # "bowed out on Sunday after four seasons" (not a person who "bowed out of" a role)
        r"\bbowed out\b(?! of\b)|\bbowing out in (?:19|20)\d\d\b|"
        r"\b(?:ended|closed|concluded|wrapped(?: up)?|went out|signed off) on (?:its|their) own "
        r"terms\b|"
        # "got a proper ending when Hulu let it wrap up with season 4"
        r"\b(?:got|was given|received) (?:a|its) (?:proper|real|satisfying|planned|fitting|"
        r"dignified) (?:ending|send-?off|conclusion|goodbye)\b|"
        # "The series concluded on August 17, 2023" (a season or finale that "ended on"
        # a date is a plot point: see rules._PLOT_ENDED)
        r"\b(?:ended|concluded|wrapped) on (?:(?:january|february|march|april|mmm|june|july|"
        r"august|september|october|november|december) \d|\d{1,2} (?:january|february|march|"
        r"april|mmm|june|july|august|september|october|november|december)\b)|"
        r"\b(?:ended|concluded|wrapped) (?:after|in \d{4}|(?:on \w+day )?with (?:its|the|a) "
        r"(?:\w+ )?(?:season|finale|episode))|\bran for (?:\w+) (?:seasons|series)"
        # (not "ran for two seasons before it was cancelled": that is a cancellation)
        r"(?! [^.;]{0,40}\b(?:before|until) (?:it was |being |getting |they were )?"
        r"(?:cancell?ed|axed|canned|scrapped|dropped|pulled))|\baired its (?:final|last)"
        r"(?:-ever)? episode|\bcame to an end|\bhas ended\b|"
        # (not "concluded its eight-episode first season": a season's end)
        r"\bconcluded its\b(?! (?:(?!final\b|last\b)[\w-]+ ){1,3}(?:season|series)\b)",
    ),
    # "Lumen (2015–2019) is worth a rewatch": a run's years. A cue of its own: a branch
    # opening on "(" in the "ended" cue cost re its scan for the branches' first letters
    # (the whole cue ran 6.5 times slower)
    _cue("ended", "run-years", r"\((?:19|20)\d\d ?[-–] ?(?:19|20)\d\d\)"),
    _cue(
        "ordered",
        "series-order",
        r"\b(?:series order|(?<!full )(?<!full-)series pick-?ups\b|"
        r"ordered (?:it )?(?:straight )?to series|straight-to-series|"
        # "Hulu has set Vesper … with a series commitment"
        r"(?:a |an )(?:[\w-]+ )?series commitment|"
        # "announcing a 10-episode order for 'The Glass Cartographer'" (not one for a season)
        r"(?<=\w-)episode (?:series )?order\b(?! for (?:a |an |its |the )?(?:[\w-]+ ){0,2}season)|"
        r"(?:gets|got|lands|landed|received|receives|given) (?:a |an )?(?:full |[\w-]+-episode )?"
        r"series order|"
        # (a headline's present: "Netflix orders spy drama Vesper")
        r"(?:ordered|orders|greenlit|green-lit|greenlights|commissioned|commissions|picked up) "
        r"(?:a |an |its |the )?(?:new )?"
        # "ordered two further series", "commissioned a fourth series": renewals
        r"(?!(?:[\w-]+ )?(?:further|more|additional|another|second|third|fourth|fifth|sixth|"
        r"seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b)"
        r"(?:[\w'-]+ ){0,3}(?:series|drama|comedy|thriller|adaptation|limited series|docuseries|"
        r"comedies|dramas|thrillers)"
        rf"(?! finale)(?! (?:for|with) (?:a |an |its )?(?:\w+ ){{0,2}}season)(?! {_NUMBER}\b)|"
        rf"order(?:ed|s|ing) [^.;]{{1,120}}? (?<!through )to series(?! {_NUMBER}\\b)|"
        # "picked up The Longview, a legal drama starring …, straight to series"
        r"(?:picked up|greenlit|green-lit) [^.;]{1,120}? (?:straight |directly )?to series|"
        r"(?:ordered|greenlit|green-lit|commissioned|orders|greenlights|commissions) "
        r"[^,.;]{1,60}, (?:a|an) "
        r"(?:[\w'-]+ ){0,4}(?:series|drama|comedy|thriller|adaptation|docuseries|sitcom|"
        r"spinoff|spin-off|prequel|sequel|competition|miniseries|anthology|procedural)\b|"
        # "Rin Yamane's manga Tsuki no Hanaya is getting a TV anime"
        r"(?:is|are) (?:officially )?getting (?:a |an )(?:tv )?anime\b(?! (?:film|movie)))",
    ),
    # "Netflix has officially ordered Vesper.": a title ordered, named and nothing more (the
    # object must be capitalised: rules.py sets "has ordered reshoots" aside)
    _cue(
        "ordered",
        "ordered-title",
        r"\b(?:has|have|had) (?:officially |just |now |formally |quietly )?(?:ordered|"
        r"commissioned|greenlit|green-lit) "
        r"(?!(?:a|an|the|its|their|his|her|two|three|four|five|six|more|another|additional|new|"
        r"up|it|them|that|this|some|all)\b)[\w'’:&-]+(?: [\w'’:&-]+){0,3}(?= *[.!]? *$)",
    ),
    _cue(
        "cancelled",
        "cancelled",
        r"\b(?:cancel(?:l?ed|s|ling|l?ation)|axed|axes|axing|scrapped|scraps|canned|"
        # ("a decommissioned light station" is a thing, not a decision)
        r"(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bold )decommission\w*|"
        r"quietly dropped|dumped|ditched|shelved|"
        r"nixed|nixes|binned|pull(?:ed|s)? the plug|pull(?:ed|s)? plug on\b|"
        # slang: "has nuked the animated series" (not "nuked the town" in a recap)
        r"nuked (?:it|them|the (?:[\w-]+ ){0,2}(?:show|series|drama|comedy|sitcom))|"
        r"(?<!weighed )(?<!weighing )(?<!considered )(?<!considering )pulling the plug on\b|"
        # (not "its views dropped by about 40%")
        r"dropped (?:by(?! (?:about |around |nearly |roughly |almost |more than |over |some |"
        r"just |a further |another )?(?:\d|a (?:third|quarter|half|fifth|tenth)))|it)|"
        r"decision to (?:cancel|axe|scrap|end)|"
        # the network ends it: "CBS has decided to end Blue Ridge after three seasons" (an
        # end after an upcoming season is an ending: see final-season)
        rf"{_NETWORK} (?:has |have )?(?:decided|opted|chose|chosen) to end|"
        rf"{_NETWORK} (?:\w+ )?(?:killed|kills) (?:it|them|the (?:show|series))\b|"
        r"(?:revers|rescind|revok|pull)\w* (?:the |its |a )?"
        r"(?:(?:season \w+|[\w-]+-season) )?(?:renewal|pickup|order)|"
        rf"cut loose|cut short|{_NETWORK} (?:has |have |quietly |officially )*cut "
        r"(?:[\w'’:&-]+ ){1,5}loose|"
        # Australian: "Network 10 has pulled the pin on Hollowmere"
        r"pull(?:ed|s)? the pin on|"
        # "the plug has been pulled on Lumen", "its season 3 renewal has been rescinded",
        # "it's curtains for Lumen", "Lumen is dead" (not "dead air"), "RIP Lumen"
        r"plug (?:has been|was|had been|is being) pulled\b|"
        r"(?:renewal|pickup|order) (?:has been|was|had been) (?:rescinded|revoked|reversed|"
        r"pulled|withdrawn)|"
        r"\bcurtains for\b|"
        r"(?:is|are) (?:officially |now |well and truly )?dead\b(?! (?:air|weight|serious|set|"
        r"heat|last|center|centre|wrong|end|ringer|on arrival)\b)|"
        r"\brest in peace\b|^rip\b|"
        r"(?:got|gets|get|getting|given|handed) the (?:axe|ax|boot|chop|chopper)|"
        r"(?:given|gave|gives|handed|hands) (?:[\w'’:&-]+ ){1,5}the "
        r"(?:axe|ax|boot|chop|chopper))\b",
    ),
    # "Backwater Bend is done", "the show is over": an end, told without saying whose
    # decision it was (decide.py prefers an ended statement beside it)
    _cue("cancelled", "done", r"\b(?<!\brun )(?:is|was) (?:officially )?(?:over|done)\b"),
    # Phrases that are negative in themselves: "will not return", "decided not to renew".
    # Nothing before them can negate them again, so they are not negatable.
    _cue(
        "cancelled",
        "will-not-return",
        r"\b(?:(?:won't|will not|would not|wouldn't|isn't|is not|aren't|are not|not) "
        r"(?:be )?(?:returning|return|coming back|come back|back|continuing|continue|"
        r"moving forward|moving ahead|move ahead|"
        r"move forward|going forward|getting (?:a|another)|made|produced|filmed)"
        r"(?! (?:to|in|on|from|until) )|"
        # "will not go into production on a fifth", "the series is not going ahead"
        r"(?:won't|will not|would not|wouldn't|isn't|is not|not) go(?:ing)? "
        r"(?:ahead|forward|into production)\b|"
        # "decided against a fourth series", "opted against renewing it"
        r"(?:opted|decided|chose|chosen|elected|ruled) against (?:a |an |another )(?:[\w-]+ )?"
        r"(?:season|series|renewal|run|installment|instalment|outing|chapter|go-round)\b|"
        # "neither Blue Hour nor The Caldwell Files will be back"
        r"\bnor [^.;]{1,60}? (?:will|is going to|are going to) (?:be )?(?:back|returning|return|"
        r"coming back|come back|continue)\b|(?:opted|decided|chose|chosen|elected|ruled) against "
        r"(?:renewing|continuing|reviving|bringing|moving forward|moving ahead|going forward|"
        r"proceeding)\b|"
        # "failed to get a second season"
        r"\bfail(?:ed|s)? to (?:get|earn|land|secure|win|score) (?:a |an |another )(?:[\w-]+ )?"
        r"(?:season|renewal|series)\b|"
        r"(?:opted|decided|chose|chosen|elected) not to (?:renew|move forward|move ahead|go ahead|"
        r"go forward|continue|order|bring (?:[\w'’:&-]+ ){1,4}back\b|"
        r"(?:re-?)?commission|proceed with (?:a |an |another )(?:[\w-]+ )?(?:season|series)\b|"
        r"pick up|"
        r"bring (?:it|them|the (?:show|series)) back|"
        # "decided not to bring back Rescue: HI-Surf for a second season" (not "bring back
        # the twins in season 4": characters return in a season, shows for one)
        r"bring back [^.;]{1,40}? for (?:a |an |another )(?:[\w-]+ )?(?:season|series))|"
        r"passed on (?:a |another )?(?:\w+ )?season|no more seasons|"
        # "declined to move forward with Tallgrass", "Fox's decision not to continue the show",
        # "there won't be a sophomore season", "we won't be making season three"
        r"declined to (?:move forward|go forward|continue|proceed|renew|pick up|"
        r"(?:re-?)?commission (?:a |an |another )|order (?:a |an |another ))|"
        r"decision not to (?:continue|renew|move forward|go forward|proceed|pick up|bring)|"
        r"(?:there won't be|there will not be|there isn't going to be) (?:a |an |another )"
        rf"(?:(?:[\w-]+ )?(?:season|series)\b|{_ORDINAL}(?= *[.,;!)]| *$))|"
        rf"(?:won't|will not) be making (?:a |an |another )?(?:(?:season|series) {_NUMBER}\b|"
        r"(?:[\w-]+ )?(?:season|series)\b)|"
        r"no plans for (?:a |an |another )(?:\w+ )?season|"
        # "Hulu won't bring Ink back"
        rf"{_NETWORK} (?:won't|will not|wouldn't|would not|isn't going to|is not going to) "
        r"bring (?:[\w'’:&+-]+ ){1,4}back\b|"
        r"no longer (?:moving forward|continuing|going forward)|"
        r"(?:there will be|there'll be|won't be) no (?:\w+ )?season|"
        # "Confirmed: no S3 for Hemlock Drive"
        rf"\bno (?:s\d{{1,2}}|(?:season|series) {_NUMBER}|{_ORDINAL} (?:season|series)) for\b|"
        # "Network confirmed this morning there's no S4" (not "there's no season 4 date yet")
        rf"\bthere(?:'s| is) (?:officially )?no (?:s\d{{1,2}}|(?:season|series) {_NUMBER}|"
        rf"{_ORDINAL} (?:season|series))(?= *[.!,;]| *$))",
        negatable=False,
    ),
    _cue(
        "renewed",
        "renewed",
        # "Stan has now commissioned a third", "ordered a fourth" (a season, said elliptically)
        r"\b(?:commission(?:ed|s)?|ordered) (?:a |an )(?:second|third|fourth|fifth|sixth|seventh|"
        r"eighth|ninth|tenth)\b(?= *[,.;!]| *$| and\b| with\b| for\b)|"
        r"\b(?:renew(?:ed|s|ing|al)?|re-?upped|picked up for|pick(?:s|ed)? up (?:a |an )?"
        r"(?:[\w-]+ ){0,2}season|(?:commission|order)(?:ed|s|ing)? (?:a |an )?(?:second|third|"
        r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|another|further) "
        rf"(?:and (?:a |an )?{_ORDINAL} )?(?:series|season)|"
        # "commissioning series five and six", "commissioned season 4"
        rf"commission(?:ed|s|ing)? (?:series|season)s? {_NUMBER}\b|"
        r"(?:keep|keeps|keeping|bring|brings|bringing|reunit\w*) (?:[\w'-]+ ){0,5}"
        r"(?:back |together )?for (?:a |an |another )(?:\w+ )?(?:season|year|run|go-round)\b|"
        r"green-?lit|greenlit|green ?light(?:ed|s)?|handed (?:a |an )?(?:\w+ )?season|"
        r"(?:[\w-]+-season |series )?pick-?up\b|signed off on (?:a |an )?(?:\w+ )?season|"
        r"[\w-]+-season (?:order|renewal)|re-?commission\w*|"
        r"handed (?:[\w'’:&-]+ ){1,5}(?:a |an |another )(?:\w+ )?season|"
        # "has given the horror anthology a second season" (not "gave fans a season to remember")
        r"(?:given|gave|gives|granted|grants) (?!(?:fans|viewers|audiences|us|them|critics)\b)"
        r"(?:[\w'’:&-]+ ){1,5}(?:a |an |another )(?:[\w-]+ )?season\b(?!-| (?:to|of|like)\b)|"
        # "Max has given a sophomore season to The Quiet Part", "an early order for a third
        # season", "the fourth season is going ahead as planned"
        r"(?:given|gave|gives|granted|grants|handed|hands) (?:a |an |another )(?:[\w-]+ )?"
        r"season to\b|\border for (?:a |an |another )(?:[\w-]+ )?season\b|"
        # "Hulu has quietly set a second season of the horror-comedy" (not a premiere date)
        rf"\bset (?:a |an )(?:{_ORDINAL}|sophomore) (?:season|series)\b(?! (?:premiere|finale|"
        r"date|debut|return|launch)s?\b)|"
        r"\b(?:season|series)(?: \w+)? (?:is|are) (?:still |definitely )?going ahead\b|"
        r"(?:bring|brings|bringing|brought) back\b|"
        # "Netflix has given the go-ahead to Vesper", "got the go-ahead for a third season"
        # (not "the go-ahead to start filming")
        r"(?:given|gave|gives|granted|grants|got|gets|received|receives) (?:[\w'’:&-]+ ){0,5}?"
        r"the go-?ahead\b(?! (?:from [\w+]+(?: [\w+]+)? )?to (?:film|shoot|start|begin|share|"
        r"announce|reveal|tell|say|talk|proceed with (?:filming|production)))|"
        # "so we're bringing it back" (not "bringing it back to basics", nor "no plans to
        # bring it back")
        r"(?:'re|'s|\bis|\bare|\bwill be) bringing (?:it|them) back\b(?! to\b)|"
        r"reward\w* (?:[\w'-]+ ){0,5}with (?:a |an |another )(?:\w+ )?season|"
        r"(?:ordered|orders|order|gave|gives|grants?|granted) (?:a |an )?(?:[\w-]+ ){0,2}"
        r"(?:season|seasons|installment|instalment|batch of episodes|further series|"
        r"more series)|(?:picked up|orders?|ordered|commissioned) (?:a |an )?(?:[\w-]+ )?"
        r"(?:batch|run|round|series) of (?:new )?episodes|"
        r"\bs\d{1,2}:? (?:is )?(?:confirmed|official|happening|a go)\b|"
        # "hulu just confirmed paper moons s3!!!"
        r"\bconfirm(?:ed|s)? (?:[\w'’:&-]+ ){0,4}(?<!\bno )(?:s|season )\d{1,2}\b"
        r"(?! (?:premiere|finale|"
        r"release|date|trailer|cast|episode|is|will|would))|"
        r"(?:is|are) (?:officially )?coming back\b(?! to\b)|"
        # "the series that ended in 2019 is returning" (not "is returning on Sunday")
        r"(?:is|are) (?:officially )?returning(?= *[.!]| *$| for (?:a|an|another) | for "
        r"(?:season|series) \w+)|"
        r"\b(?:gets?|got|getting) (?:a |an )?s\d{1,2}\b|"
        r"(?:gets?|got|getting|earns?|earned) (?:a |an )(?:[\w-]+ )"
        r"(?:run|outing|series|go-round)\b|"
        r"(?:will|is set to|is going to|shall) (?:also |both |all |definitely |indeed |now )?"
        r"(?:return|be back|come back)\b(?! to (?:the|its) )|"
        r"(?:could|might|may|would|can) (?:\w+ )?(?:return|come back|be back) for\b|"
        r"live to see (?:a |an |another )(?:\w+ )?season|"
        r"(?:is|are) (?:officially )?set for (?:a |an |another )(?:[\w-]+ )?season\b|"
        # ("the reunion is happening in May" is an event)
        r"(?<!reunion )(?<!panel )(?<!party )(?<!event )(?<!screening )(?<!tour )(?<!special )"
        r"(?:is|are) (?:officially |now |definitely )?(?:a go|happening)\b|"
        r"moving forward with (?:a |an )?(?:\w+ )?season|"
        r"(?:pushing|pushes|pushed|pressing|presses|pressed|forging|forges|forged) ahead with "
        r"(?:a |an )?(?:\w+ )?season|"
        r"picked up (?:[\w'’\"“”-]+ ){1,5}for (?:a |an |its )?"
        r"(?:(?:[\w-]+ ){0,2}(?:season|seasons|series)|another (?:run|round|go-round|outing|"
        r"installment|instalment)\b|"
        r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b)|"
        r"pick(?:s|ed)? (?:it|them|the (?:[\w'-]+ ){0,3}(?:show|series|drama|comedy|sitcom|"
        r"thriller|procedural|dramedy|western|mystery)) up for|"
        r"(?:order|commission)(?:ed|ing) (?:\d+|\w+) (?:new |more |additional )?"
        r"(?:[\w-]+-minute |half-hour |hour-long )?episodes|"
        r"(?:coming|heading) back for|"
        # "we're thrilled to say there will be a third season of Marigold Lane"
        r"\bthere (?:will|'ll) (?:definitely |now |officially )?be (?:a |an |another )"
        r"(?:[\w-]+ )?(?:season|series)\b(?! (?:finale|premiere))|"
        # "got the nod on Wednesday" (not an Emmy nod); a list item's "Lowland (Max): Back
        # for season 2."
        r"(?:gets?|got|getting|given) the nod\b(?![^.;]*\b(?:emmys?|globes?|baftas?|awards?|"
        r"nominat\w*|academy)\b)|\): back for (?:a |an |another )?(?:[\w-]+ )?(?:season|series)\b|"
        r"returns? for (?:a |an |its )?(?:\w+ ){0,2}(?:season|series \w+)|"
        # ("got better in season 2" is no pick-up: no preposition before the season)
        r"(?:gets?|got|getting|earns?|earned|scores?|scored|lands?|landed|secur(?:es?|ed|ing)|"
        r"nab(?:s|bed)|clinch(?:es|ed)?|snag(?:s|ged)|notch(?:es|ed)) (?:a |an )?"
        r"(?:(?!(?:in|through|throughout|during|by|after|since|until|over|into|across|"
        r"with|for|of)\b)\w+ ){0,2}(?:season|seasons)\b(?! finale| premiere)|"
        r"season \w+ is (?:officially )?(?:happening|a go|confirmed|on|in production|in the works)|"
        # "Lumen season 2 delayed amid strike": a season delayed is a season ordered
        rf"\b(?:season|series) (?:\d{{1,2}}|{_NUMBER})(?: production| filming| premiere)? "
        r"(?:is |has been |was |now )?(?:delayed|pushed back|postponed)\b|"
        # "Lumen season 2 confirmed" (not "season 2 confirmed for March": a date)
        rf"\b(?:season|series) (?:\d{{1,2}}|{_NUMBER})(?: is| has been)? (?:officially )?"
        r"confirmed\b(?! (?:for|to|as|premiere|release|date)\b)|"
        rf"(?:\b(?:a|an|the|its) |'s ){_ORDINAL} (?:season|series) is (?:officially |now )?"
        r"in the works\b|"
        # "series four, which has already been commissioned, will be filmed in the spring"
        rf"\b(?:season|series) (?:{_NUMBER}|\w+)\b,? (?:which |that )?(?:has|have) "
        r"(?:already |now |officially )?been (?:commissioned|ordered|greenlit|green-lit|"
        r"confirmed)\b|"
        # "breaking episodes for season five, which ABC ordered in April"
        rf"\b(?:(?:season|series) {_NUMBER}|{_ORDINAL} (?:season|series)),? (?:which|that) "
        r"(?:[\w+&'’-]+ ){1,2}(?:already |officially |quietly )?(?:ordered|commissioned|"
        r"greenlit|green-lit)\b|"
        # "the drama's fifth series, commissioned in the spring, remains on course"
        rf"\b{_ORDINAL} (?:season|series),? (?:which was |that was )?(?:commissioned|ordered|"
        r"greenlit|green-lit) (?:in|last|earlier|back|this)\b|"
        # "The third season was ordered last autumn", "Lumen's sophomore season has been ordered"
        rf"(?:\b(?:a|an|the|its)|'s) (?:{_ORDINAL}|sophomore) (?:season|series) (?:was|has been|"
        r"had been|is) "
        r"(?:officially |quietly |already )?(?:ordered|commissioned|greenlit|green-lit|"
        r"picked up)\b|"
        # "a second season of Spellbound Delivery Girl Mimi was announced on Saturday" (not
        # "was announced for March": a date)
        rf"\b(?:a|an) {_ORDINAL} (?:season|series) of [^.;]{{1,80}}? (?:was|has been|have been|is) "
        r"(?:officially |formally )?(?:announced|confirmed)\b(?! for\b)|"
        # "a third season is on the way"
        rf"(?:a|an) {_ORDINAL} (?:season|series) is (?:officially |now )?(?:on the way|on its way|"
        r"coming|happening|a go|confirmed)\b|"
        # "has extended Dunmore Hollow through Season 6"
        r"(?:extended|extends) (?:(?:[\w'’&:-]+ ){1,5}?(?:through|for) (?:(?:season|series) \w+|"
        r"(?:a|an|another) (?:[\w-]+ )?(?:season|series))|(?:through|for))|"
        rf"lock(?:s|ed|ing) in (?:a |an )?{_ORDINAL} (?:season|series)\b|"
        # "already locked in for Season 3"
        rf"\blocked in for (?:(?:season|series) {_NUMBER}\b|"
        rf"(?:a |an )?{_ORDINAL} (?:season|series)\b))",
    ),
    # Renewals in plainer words, a cue of their own so that only sentences with one of its
    # gate words pay for them (the "renewed" cue runs on nearly every sentence)
    _cue(
        "renewed",
        "renewed-plainly",
        # "there will be more Lumen", "has said yes to a second season", "is staying on the
        # air", "we'll be getting more episodes", "got the thumbs up for season 3", "will
        # continue for a third season", "has extended Lumen's run by two seasons"
        r"\bthere (?:will|'ll) (?:definitely |now )?be more\b(?! (?:news|details|to come|"
        r"information|updates|info|on)\b)|"
        r"\bsaid yes to (?:a |an |another )(?:[\w-]+ )?(?:season|series)\b|"
        r"\bstay(?:s|ing)? on the air\b|"
        r"\b(?:getting|get|gets) more episodes\b|"
        r"\b(?:got|gets|given|received) the thumbs[- ]up\b|"
        r"\b(?:will|to) (?:also )?continue (?:for|into|with) (?:a |an |another )"
        r"(?:[\w-]+ )?(?:season|series)\b|"
        r"\bextend(?:s|ed|ing)? (?:[\w'’:&-]+ ){1,4}run by (?:\w+ )(?:more )?(?:seasons?|series)\b|"
        # "we're delighted to be taking viewers back to Whitby for a fourth series"
        r"\b(?:tak|bring)(?:e|es|ing) (?:viewers|audiences|fans|everyone) back "
        r"(?:to [^.;,]{1,30} )?for (?:a |an |another )(?:[\w-]+ )?(?:season|series)\b|"
        # "confirming that the sitcom would be back" (a backshifted "will": rules.py reads
        # "would" as a hedge unless reported speech stands before it)
        r"\bwould (?:also |definitely |indeed )?(?:be back|come back)\b(?! to (?:the|its) )",
    ),
    # A season confirmed, committed to or on its way: "Netflix has confirmed a second season
    # of The Moonlit Ledger", "Third season confirmed", "committed to two more seasons",
    # "signed on for a third series", "has ordered two more", "another season of the word
    # game is on the way", "announced that a second season is in production". (Not
    # "confirmed a second season premiere date", nor "confirmed a third season is not
    # happening".)
    _cue(
        "renewed",
        "season-confirmed",
        rf"\b(?:confirm(?:ed|s|ing)?|announc(?:ed|es|ing)) (?:that )?(?:a |an )?(?:{_ORDINAL}|"
        r"another|new) (?:season|series)\b(?! (?:premiere|finale|release|date|trailer|cast|"
        r"episode|opener|teaser|poster|title)s?\b)(?!,? (?:is|was|will|would)(?: not|n't)\b)|"
        rf"\b{_ORDINAL} (?:season|series),? (?:(?:is|has been|was) )?(?:officially |now )?"
        r"confirmed\b(?! (?:to|for)\b)|"
        r"\bcommit(?:ted|s)? to (?:a |an |another |two |three |four |\w+ more |\w+ further )"
        r"(?:[\w-]+ )?(?:seasons?|series)\b|"
        r"\bsigned on for (?:a |an |another )(?:[\w-]+ )?(?:season|series)\b|"
        r"\b(?:ordered|commissioned) (?:two|three|four|\d) more\b|"
        rf"\b(?:another|a new|(?:a|an) {_ORDINAL}) (?:season|series)\b[^.;]{{0,60}}? (?:is|are) "
        r"(?:officially |now )?(?:on the way|on its way|in production|confirmed)\b",
    ),
    # "whether Disney+ will bring Stormbird back": a network brings a show back (a writer
    # or an episode brings a character back); "a ten-episode order for its third season"
    _cue(
        "renewed",
        "brought-back",
        rf"\b{_NETWORK} (?:(?:will|would|could|might|may|to|can|should) )?"
        r"(?:bring|brings|bringing|brought) (?:[\w'’:&+-]+ ){1,4}back\b",
    ),
    _cue(
        "renewed",
        "episode-order",
        r"(?<=\w-)episode (?:order|pickup) for (?:a |an |its |the )?(?:[\w-]+ ){0,2}season",
    ),
    # "locked the sitcom in through a sixth series", "safe through Season 10", "secured
    # through Season 6", "keeping it on the air through season 5": the show is kept up to a
    # season not made yet. Not "kept it afloat through its second season" (history), nor
    # "keeps getting better through season 3" or "the cast is locked in through season 4"
    # (no order). Its own cue so that only sentences with "through" pay for it.
    _cue(
        "renewed",
        "kept-through",
        r"\b(?:safe (?:at least )?|"
        r"secur(?:es?|ed|ing) (?:(?:[\w'-]+ ){1,3}?(?:future|place|run) )?|"
        r"lock(?:s|ed|ing) (?:in )?(?:the|it|its)\b[^.;:]{0,40}? |keep(?:s|ing)? (?:[\w'-]+ ){1,4}?"
        r"(?:on the air|around|going|alive|running|in production) |"
        # "the pickup … takes the series through its sixth"
        r"(?:takes|taking|carries|carrying) (?:it|them|the (?:show|series|drama|comedy)) )"
        r"(?:in )?through (?:to )?"
        rf"(?:(?:season|series) {_NUMBER}|(?:a |an )?{_ORDINAL} (?:season|series)|"
        rf"its {_ORDINAL}(?=[.,;!?)]|$))\b",
    ),
    # "is already shooting season 4": a season in production has been ordered
    _cue(
        "renewed",
        "in-production",
        r"\bcameras (?:are|have been|began|started) (?:already |now )?rolling\b|"
        r"\b(?:is|are|began|begins|started|starts|has begun|have begun) (?:already |now |"
        r"currently )?(?:shooting|filming|in production on|production on) "
        rf"(?:season (?!one\b|1\b){_NUMBER}\b|(?:its|their) (?!first\b){_ORDINAL} "
        r"(?:season|series)\b)",
    ),
    # Odds and fan campaigns are the weakest cue: any decision in the clause wins.
    _cue(
        "pending",
        "odds",
        r"\b(?:renewal|cancell?ation|season \w+) (?:odds|chances|prospects)\b|"
        r"\b(?:odds|chances|prospects) (?:of|for) (?:a |an |another )?(?:renewal|cancell?ation|"
        r"pickup|(?:[\w-]+ )?season)\b|#(?:renew|save|bringback)\w+|"
        r"\bfans?'? (?:campaign|petition)|"
        # "insiders put its odds at 50/50"
        r"\b(?:put|puts|putting|peg|pegs|pegged|give|gives|gave|place|places|placed) "
        r"(?:its|their|the (?:show|series|drama|comedy)'s) (?:renewal )?(?:odds|chances)\b|"
        # "Now that Season 2 has come and gone, fans are asking the obvious question"
        r"\bnow that (?:season \w+|(?:the|its) (?:[\w-]+ )?season) (?:has come and gone|is over|"
        r"has wrapped|has ended|is done)\b",
        False,
    ),
    # A creator's plan is no order: "I have a plan for three more seasons", "she has mapped
    # out a fourth season". ("No plans for another season" is a decision, will-not-return.)
    _cue(
        "pending",
        "plans",
        r"\b(?<!no )(?:plans?|planned|vision|roadmap|ideas?) for (?:a |an |another |"
        r"\w+ (?:more|further|additional) )(?:[\w-]+ )?seasons?\b|"
        r"\b(?:mapped|mapping|maps) out (?:a |an |another |\w+ (?:more|further) )?(?:[\w-]+ )?"
        r"seasons?\b|\benvision\w* (?:a |an |\w+ )?(?:[\w-]+ )?seasons\b|"
        # "the scripts are 'written and ready'": ready to shoot once someone orders them
        r"\b(?:written|scripted|plotted|broken) and ready\b|"
        # "we're writing as if there's a third season": a hope, not an order
        r"\bas (?:if|though) there(?:'s| is| will be| were| was) (?:a |an |another )(?:[\w-]+ )?"
        r"(?:season|series)\b",
        False,
    ),
)


GATE_WORDS = tuple(sorted({word for cue in CUES for word in cue.gate}))
# CUES before the bare "cancelled" verb (waits, endings, orders…) outrank a bare verb.
SPECIFIC = next(i for i, cue in enumerate(CUES) if cue.rule == "cancelled")
