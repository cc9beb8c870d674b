"""Generate a bilingual Local Offer project for the benchmark (`benchmarks/run.py`).

    .venv/bin/python benchmarks/generate.py OUT_DIR --pages 500 --seed 1

writes OUT_DIR/mkdocs.yml (the repository's, with a generated nav; hooks and overrides at the
repository's absolute paths), OUT_DIR/docs/ (N pages per language: page.md and page.cy.md) and
OUT_DIR/data/ (glossary and a services directory in the schema of `localoffer.services`).
The same seed gives the same files, byte for byte.

The sentence banks below are plain English and plain Welsh, in pairs.

Every pair says the same thing in both languages (the Welsh is a translation, with its
mutations written out), so a generated Welsh page is a full and equal version of its
English page: same headings, links, images, numbers, phone numbers and email addresses.
Every sentence has 20 words or fewer.

Slots: ``{lo}`` and ``{hi}`` are the ages a service is for; nothing else is filled in,
so no mutation depends on a filled-in word.
"""

from __future__ import annotations

# (id, English name, Welsh name, topics, team (en, cy), services (en, cy))
SECTIONS = [
    ("early-years", "Early years", "Y blynyddoedd cynnar", ["early-years"],
     ("Early Years Team", "Tîm y Blynyddoedd Cynnar"), [
         ("Portage home visits", "Ymweliadau cartref Portage"),
         ("Help in nursery", "Help yn y feithrinfa"),
         ("Play and learn groups", "Grwpiau chwarae a dysgu"),
         ("Early language support", "Cymorth iaith cynnar"),
         ("Baby massage sessions", "Sesiynau tylino babanod"),
         ("Childcare grants", "Grantiau gofal plant"),
         ("Stay and play sessions", "Sesiynau aros a chwarae"),
     ]),
    ("schools", "Schools", "Ysgolion", ["schools", "welsh-language-provision"],
     ("Inclusion Team", "Tîm Cynhwysiant"), [
         ("Reading support", "Cymorth darllen"),
         ("Learning support classes", "Dosbarthiadau cymorth dysgu"),
         ("School nurse service", "Gwasanaeth nyrs ysgol"),
         ("Sensory support service", "Gwasanaeth cymorth synhwyraidd"),
         ("Behaviour support", "Cymorth ymddygiad"),
         ("Nurture groups", "Grwpiau anogaeth"),
         ("Educational psychology", "Seicoleg addysg"),
     ]),
    ("post-16", "After 16", "Ar ôl 16", ["post-16", "preparing-for-adulthood"],
     ("Post-16 Team", "Tîm Ôl-16"), [
         ("College courses", "Cyrsiau coleg"),
         ("Supported internships", "Interniaethau â chymorth"),
         ("Apprenticeships", "Prentisiaethau"),
         ("Careers advice", "Cyngor gyrfaoedd"),
         ("Work experience", "Profiad gwaith"),
         ("Help with money at college", "Help gydag arian yn y coleg"),
         ("Volunteering", "Gwirfoddoli"),
     ]),
    ("assessment", "Assessment and plans", "Asesu a chynlluniau", ["identification-and-assessment", "idp"],
     ("ALN Team", "Tîm ADY"), [
         ("Asking for an assessment", "Gofyn am asesiad"),
         ("Getting ready for a meeting", "Paratoi ar gyfer cyfarfod"),
         ("Specialist assessments", "Asesiadau arbenigol"),
         ("Help to take part in meetings", "Help i gymryd rhan mewn cyfarfodydd"),
         ("Plan reviews", "Adolygu cynlluniau"),
     ]),
    ("health", "Health", "Iechyd", ["health"],
     ("Children's Health Team", "Tîm Iechyd Plant"), [
         ("Speech and language therapy", "Therapi lleferydd ac iaith"),
         ("Occupational therapy", "Therapi galwedigaethol"),
         ("Physiotherapy", "Ffisiotherapi"),
         ("Children's nursing team", "Tîm nyrsio plant"),
         ("Sleep support", "Cymorth cysgu"),
         ("Eating and drinking support", "Cymorth bwyta ac yfed"),
         ("Hearing tests", "Profion clyw"),
         ("Eye clinic", "Clinig llygaid"),
         ("Emotional health service", "Gwasanaeth iechyd emosiynol"),
     ]),
    ("social-care", "Social care", "Gofal cymdeithasol", ["social-care", "short-breaks"],
     ("Disabled Children's Team", "Tîm Plant Anabl"), [
         ("Family support workers", "Gweithwyr cymorth i deuluoedd"),
         ("Help at home", "Help yn y cartref"),
         ("Equipment and adaptations", "Offer ac addasiadau"),
         ("Support for young carers", "Cymorth i ofalwyr ifanc"),
         ("Parenting courses", "Cyrsiau rhianta"),
     ]),
    ("leisure", "Play and leisure", "Chwarae a hamdden", ["short-breaks"],
     ("Play Team", "Tîm Chwarae"), [
         ("Holiday play schemes", "Cynlluniau chwarae gwyliau"),
         ("Youth clubs", "Clybiau ieuenctid"),
         ("Swimming sessions", "Sesiynau nofio"),
         ("Sports clubs", "Clybiau chwaraeon"),
         ("Arts and music groups", "Grwpiau celf a cherddoriaeth"),
         ("Library activities", "Gweithgareddau'r llyfrgell"),
         ("Outdoor activity days", "Diwrnodau gweithgareddau awyr agored"),
     ]),
    ("travel", "Travel", "Teithio", ["travel"],
     ("Travel Team", "Tîm Teithio"), [
         ("School transport", "Cludiant i'r ysgol"),
         ("College transport", "Cludiant i'r coleg"),
         ("Bus passes", "Pasys bws"),
         ("Travel buddies", "Cyfeillion teithio"),
         ("Parking permits", "Trwyddedau parcio"),
     ]),
    ("advice", "Advice and support", "Cyngor a chymorth",
     ["advice-and-support", "disagreements-and-appeals", "complaints"],
     ("Advice Team", "Tîm Cyngor"), [
         ("Information and advice service", "Gwasanaeth gwybodaeth a chyngor"),
         ("Help with forms", "Help gyda ffurflenni"),
         ("Money advice", "Cyngor ariannol"),
         ("Support groups for parents", "Grwpiau cymorth i rieni"),
         ("Sorting out problems with school", "Datrys problemau gyda'r ysgol"),
         ("Appeals to the Tribunal", "Apelio i'r Tribiwnlys"),
         ("Making a complaint", "Gwneud cwyn"),
     ]),
    ("have-your-say", "Have your say", "Dweud eich dweud", ["co-production", "feedback"],
     ("Participation Team", "Tîm Cyfranogi"), [
         ("Parent panels", "Paneli rhieni"),
         ("Young people's forum", "Fforwm pobl ifanc"),
         ("Surveys", "Arolygon"),
         ("Feedback on services", "Adborth am wasanaethau"),
     ]),
]

# (English, Welsh, Welsh after "yn" (with its nasal mutation), service-directory area id)
AREAS = [
    ("Aberdyfnant", "Aberdyfnant", "yn Aberdyfnant"),
    ("Llanfair", "Llanfair", "yn Llanfair"),
    ("Pontglas", "Pontglas", "ym Mhontglas"),
    ("Cwm Derwen", "Cwm Derwen", "yng Nghwm Derwen"),
    ("Brynteg", "Brynteg", "ym Mrynteg"),
    ("Trefelin", "Trefelin", "yn Nhrefelin"),
    ("Penrhos", "Penrhos", "ym Mhenrhos"),
    ("Maesglas", "Maesglas", "ym Maesglas"),
    ("North Glanafon", "Gogledd Glanafon", "yng Ngogledd Glanafon"),
    ("South Glanafon", "De Glanafon", "yn Ne Glanafon"),
    ("Coed-y-bryn", "Coed-y-bryn", "yng Nghoed-y-bryn"),
    ("Rhydwen", "Rhydwen", "yn Rhydwen"),
    ("Dolgwyn", "Dolgwyn", "yn Nolgwyn"),
    ("Tregarth", "Tregarth", "yn Nhregarth"),
]

AGE_RANGES = [(1, 5), (3, 11), (5, 16), (11, 19), (14, 25), (16, 25), (1, 25), (3, 18), (4, 11), (11, 16)]

# --- the opening paragraph -------------------------------------------------------------------

# The first sentence spells out "additional learning needs (ALN)".
INTRO_FIRST = [
    ("This service helps children and young people with additional learning needs (ALN).",
     "Mae'r gwasanaeth hwn yn helpu plant a phobl ifanc ag anghenion dysgu ychwanegol (ADY)."),
    ("We support families of children with additional learning needs (ALN) in Glanafon.",
     "Rydyn ni'n cefnogi teuluoedd plant ag anghenion dysgu ychwanegol (ADY) yng Nglanafon."),
    ("This page is for families of children with additional learning needs (ALN).",
     "Mae'r dudalen hon ar gyfer teuluoedd plant ag anghenion dysgu ychwanegol (ADY)."),
]

# The second sentence spells out "individual development plan (IDP)".
INTRO_IDP = [
    ("Some children have an individual development plan (IDP) that describes their support.",
     "Mae gan rai plant gynllun datblygu unigol (CDU) sy'n disgrifio eu cymorth."),
    ("If your child has an individual development plan (IDP), please bring it with you.",
     "Os oes gan eich plentyn gynllun datblygu unigol (CDU), dewch ag ef gyda chi."),
    ("Your child does not need an individual development plan (IDP) to get this help.",
     "Does dim angen cynllun datblygu unigol (CDU) ar eich plentyn i gael yr help hwn."),
]

INTRO_MORE = [
    ("This page explains what the service does and how to get it.",
     "Mae'r dudalen hon yn esbonio beth mae'r gwasanaeth yn ei wneud a sut i'w gael."),
    ("We work with families, schools and health teams across Glanafon.",
     "Rydyn ni'n gweithio gyda theuluoedd, ysgolion a thimau iechyd ar draws Glanafon."),
    ("You do not need a diagnosis to ask for help.",
     "Does dim angen diagnosis arnoch chi i ofyn am help."),
    ("We listen to children and young people and to their families.",
     "Rydyn ni'n gwrando ar blant a phobl ifanc ac ar eu teuluoedd."),
    ("Our staff know how to support children with many different needs.",
     "Mae ein staff yn gwybod sut i gefnogi plant â llawer o anghenion gwahanol."),
    ("We want every child to feel safe, happy and included.",
     "Rydyn ni eisiau i bob plentyn deimlo'n ddiogel, yn hapus ac yn rhan o bethau."),
    ("You can talk to us in English or Welsh.",
     "Gallwch chi siarad â ni yn Saesneg neu yn Gymraeg."),
    ("We will treat you and your child with respect.",
     "Byddwn ni'n eich trin chi a'ch plentyn gyda pharch."),
    ("Many families tell us this help made a real difference.",
     "Mae llawer o deuluoedd yn dweud wrthon ni fod yr help hwn wedi gwneud gwahaniaeth mawr."),
    ("We are a small, friendly team and we know the local area well.",
     "Rydyn ni'n dîm bach a chyfeillgar, ac rydyn ni'n adnabod yr ardal leol yn dda."),
]

# --- who can get help ------------------------------------------------------------------------

WHO_FIRST = [
    ("This service is for children and young people aged {lo} to {hi}.",
     "Mae'r gwasanaeth hwn ar gyfer plant a phobl ifanc o {lo} i {hi} oed."),
    ("We help children and young people aged {lo} to {hi} and their families.",
     "Rydyn ni'n helpu plant a phobl ifanc o {lo} i {hi} oed a'u teuluoedd."),
]

WHO_MORE = [
    ("Your child does not need an IDP to use it.",
     "Does dim angen CDU ar eich plentyn i'w ddefnyddio."),
    ("Families can ask for help themselves.",
     "Gall teuluoedd ofyn am help eu hunain."),
    ("A teacher, doctor or social worker can also ask us for you.",
     "Gall athro, meddyg neu weithiwr cymdeithasol ofyn i ni ar eich rhan hefyd."),
    ("We may ask about your child's needs before we agree to help.",
     "Efallai y byddwn ni'n gofyn am anghenion eich plentyn cyn i ni gytuno i helpu."),
    ("You must live in Glanafon or have a child at a school in Glanafon.",
     "Rhaid i chi fyw yng Nglanafon neu fod â phlentyn mewn ysgol yng Nglanafon."),
    ("Some children need help for a short time, and some for longer.",
     "Mae angen help am gyfnod byr ar rai plant, ac am gyfnod hirach ar eraill."),
]

WHO_LIST_INTRO = ("It can help children who:", "Gall helpu plant sydd:")

# Each item completes "It can help children who:" / "Gall helpu plant sydd:"
WHO_ITEMS = [
    ("find it hard to talk or understand words", "yn cael trafferth siarad neu ddeall geiriau"),
    ("live with a physical disability", "yn byw ag anabledd corfforol"),
    ("are autistic", "yn awtistig"),
    ("have trouble with reading, writing or numbers", "yn cael trafferth darllen, ysgrifennu neu gyfrif"),
    ("find it hard to manage their feelings", "yn ei chael hi'n anodd rheoli eu teimladau"),
    ("are deaf or hard of hearing", "yn fyddar neu'n drwm eu clyw"),
    ("are blind or partially sighted", "yn ddall neu'n rhannol ddall"),
    ("need help with moving or balance", "angen help i symud neu i gadw eu cydbwysedd"),
    ("are anxious about school", "yn bryderus am yr ysgol"),
    ("find it hard to make friends", "yn ei chael hi'n anodd gwneud ffrindiau"),
]

# --- what happens ----------------------------------------------------------------------------

WHAT = [
    ("First, we talk to you about your child and what they need.",
     "Yn gyntaf, byddwn ni'n siarad â chi am eich plentyn a beth sydd ei angen arnyn nhw."),
    ("We then agree a plan with you and your child.",
     "Yna byddwn ni'n cytuno ar gynllun gyda chi a'ch plentyn."),
    ("The plan says who will do what, and by when.",
     "Mae'r cynllun yn dweud pwy fydd yn gwneud beth, ac erbyn pryd."),
    ("Sessions can take place at home, at school or in our centre.",
     "Gall sesiynau fod gartref, yn yr ysgol neu yn ein canolfan."),
    ("Each session lasts about 45 minutes.",
     "Mae pob sesiwn yn para tua 45 munud."),
    ("We check how things are going every few weeks.",
     "Rydyn ni'n gwirio sut mae pethau'n mynd bob ychydig wythnosau."),
    ("You can bring a friend or relative to any meeting.",
     "Gallwch chi ddod â ffrind neu berthynas i unrhyw gyfarfod."),
    ("We will send you a short report after each review.",
     "Byddwn ni'n anfon adroddiad byr atoch chi ar ôl pob adolygiad."),
    ("If things change, you can ask for a new meeting at any time.",
     "Os yw pethau'n newid, gallwch chi ofyn am gyfarfod newydd ar unrhyw adeg."),
    ("We explain everything in plain words and check that you understand.",
     "Rydyn ni'n esbonio popeth mewn geiriau syml ac yn gwneud yn siŵr eich bod chi'n deall."),
    ("Your child can take part in the way that suits them best.",
     "Gall eich plentyn gymryd rhan yn y ffordd sy'n gweddu orau iddyn nhw."),
    ("We share information only with people who need it.",
     "Dim ond gyda phobl sydd ei hangen y byddwn ni'n rhannu gwybodaeth."),
    ("We always ask you first.",
     "Rydyn ni bob amser yn gofyn i chi yn gyntaf."),
    ("The support ends when your child no longer needs it.",
     "Mae'r cymorth yn dod i ben pan nad oes ei angen ar eich plentyn mwyach."),
    ("We can visit you at home if that is easier for you.",
     "Gallwn ni ymweld â chi gartref os yw hynny'n haws i chi."),
    ("Your child's teacher may join some of the meetings.",
     "Efallai y bydd athro eich plentyn yn dod i rai o'r cyfarfodydd."),
    ("We give you ideas to try at home between sessions.",
     "Rydyn ni'n rhoi syniadau i chi roi cynnig arnyn nhw gartref rhwng sesiynau."),
    ("Most children come to between 6 and 10 sessions.",
     "Mae'r rhan fwyaf o blant yn cael rhwng 6 a 10 sesiwn."),
    ("You can stay with your child during every session.",
     "Gallwch chi aros gyda'ch plentyn ym mhob sesiwn."),
    ("We write down what we agree, so nobody forgets.",
     "Rydyn ni'n ysgrifennu'r hyn rydyn ni'n cytuno arno, fel nad oes neb yn anghofio."),
]

# --- times and costs (a table) --------------------------------------------------------------

TABLE_HEAD = (("What", "Details"), ("Beth", "Manylion"))
COSTS = [
    ("Free", "Am ddim"),
    ("Free", "Am ddim"),
    ("Free", "Am ddim"),
    ("£5 a session", "£5 y sesiwn"),
    ("£2 a visit", "£2 am bob ymweliad"),
]
HOURS = [
    ("Monday to Friday, 9am to 5pm", "Dydd Llun i ddydd Gwener, 9am tan 5pm"),
    ("Monday to Thursday, 9am to 4pm", "Dydd Llun i ddydd Iau, 9am tan 4pm"),
    ("Saturdays, 10am to 2pm", "Dydd Sadwrn, 10am tan 2pm"),
    ("School holidays, 10am to 3pm", "Gwyliau'r ysgol, 10am tan 3pm"),
]
VENUES = [
    ("Glanafon Family Centre", "Canolfan Deulu Glanafon"),
    ("Your child's school", "Ysgol eich plentyn"),
    ("Your home", "Eich cartref"),
    ("Glanafon Library", "Llyfrgell Glanafon"),
    ("Ysbyty Glanafon", "Ysbyty Glanafon"),
    ("Online or by phone", "Ar-lein neu dros y ffôn"),
]

# --- how to ask for help --------------------------------------------------------------------

ASK = [
    ("You can call us, email us or fill in our online form.",
     "Gallwch chi ein ffonio, anfon e-bost aton ni neu lenwi ein ffurflen ar-lein."),
    ("Tell us your child's name, age and school.",
     "Dywedwch wrthon ni beth yw enw, oedran ac ysgol eich plentyn."),
    ("We will reply within 5 working days.",
     "Byddwn ni'n ateb o fewn 5 diwrnod gwaith."),
    ("If you need an interpreter, tell us when you contact us.",
     "Os oes angen cyfieithydd arnoch chi, dywedwch wrthon ni pan fyddwch chi'n cysylltu."),
    ("You can ask for this page in large print or easy read.",
     "Gallwch chi ofyn am y dudalen hon mewn print bras neu mewn fersiwn hawdd ei darllen."),
    ("Our phone line is busiest on Monday mornings.",
     "Mae ein llinell ffôn brysuraf ar fore dydd Llun."),
]

# --- help in Welsh --------------------------------------------------------------------------

WELSH = [
    ("You can get this service in Welsh.",
     "Gallwch chi gael y gwasanaeth hwn yn Gymraeg."),
    ("Some of our staff speak Welsh, and we will find a Welsh speaker if you ask.",
     "Mae rhai o'n staff yn siarad Cymraeg, a byddwn ni'n dod o hyd i siaradwr Cymraeg os gofynnwch chi."),
    ("We can send letters and reports in Welsh, English or both.",
     "Gallwn ni anfon llythyrau ac adroddiadau yn Gymraeg, yn Saesneg neu yn y ddwy iaith."),
    ("Tell us which language your child prefers.",
     "Dywedwch wrthon ni pa iaith sydd orau gan eich plentyn."),
    ("Children at Welsh-medium (Welsh-language) schools can get their support in Welsh.",
     "Gall plant mewn ysgolion cyfrwng Cymraeg (sy'n dysgu drwy'r Gymraeg) gael eu cymorth yn Gymraeg."),
]

# --- if you are not happy -------------------------------------------------------------------

UNHAPPY = [
    ("Please talk to us first, as we can often put things right quickly.",
     "Siaradwch â ni yn gyntaf, gan ein bod ni'n gallu datrys pethau'n gyflym yn aml."),
    ("If that does not work, you can make a complaint.",
     "Os nad yw hynny'n gweithio, gallwch chi wneud cwyn."),
    ("Independent advice services can also help you, for free.",
     "Gall gwasanaethau cyngor annibynnol eich helpu chi hefyd, am ddim."),
    ("Making a complaint will not change the help your child gets.",
     "Fydd gwneud cwyn ddim yn newid yr help mae eich plentyn yn ei gael."),
    ("We learn from every complaint and use it to make our services better.",
     "Rydyn ni'n dysgu o bob cwyn ac yn ei defnyddio i wella ein gwasanaethau."),
]

GLOSSARY_SENTENCE = ("Our [glossary]({href}) explains words you may not know.",
                     "Mae ein [geirfa]({href}) yn esbonio geiriau efallai nad ydych chi'n eu deall.")

HEADINGS = {
    "who": ("Who can get help", "Pwy all gael help"),
    "what": ("What happens", "Beth sy'n digwydd"),
    "table": ("Times and costs", "Amseroedd a chostau"),
    "ask": ("How to ask for help", "Sut i ofyn am help"),
    "welsh": ("Help in Welsh", "Help yn Gymraeg"),
    "unhappy": ("If you are not happy", "Os nad ydych chi'n hapus"),
    "related": ("Related pages", "Tudalennau cysylltiedig"),
}
TABLE_ROWS = {
    "ages": ("Ages", "Oedran"),
    "cost": ("Cost", "Cost"),
    "hours": ("Opening hours", "Oriau agor"),
    "where": ("Where", "Ble"),
    "wait": ("Waiting time", "Amser aros"),
}
CONTACT_LABELS = {"phone": ("Phone", "Ffôn"), "email": ("Email", "E-bost"),
                  "relay": ("Text relay: add 18001 before our number", "Cyfnewid testun: rhowch 18001 cyn ein rhif")}

# (file, English alt text, Welsh alt text)
IMAGES = [
    ("reading.svg", "A parent and child reading a book together",
     "Rhiant a phlentyn yn darllen llyfr gyda'i gilydd"),
    ("laptop.svg", "A young person using a laptop at a desk",
     "Person ifanc yn defnyddio gliniadur wrth ddesg"),
    ("map.png", "A map of Glanafon with our centres marked on it",
     "Map o Lanafon gyda'n canolfannau wedi'u marcio arno"),
    ("family.svg", "A family talking with a member of staff",
     "Teulu'n siarad ag aelod o staff"),
]

SECTION_INTRO = [
    ("This section lists our services for families of children with additional learning needs (ALN).",
     "Mae'r adran hon yn rhestru ein gwasanaethau i deuluoedd plant ag anghenion dysgu ychwanegol (ADY)."),
    ("Choose a service to find out who it is for and how to get it.",
     "Dewiswch wasanaeth i weld ar gyfer pwy mae e a sut i'w gael."),
]

HOME = {
    "title": ("Glanafon Local Offer", "Cynnig Lleol Glanafon"),
    "description": ("Find help and services in Glanafon for children and young people aged 0 to 25.",
                    "Dewch o hyd i help a gwasanaethau yng Nglanafon i blant a phobl ifanc 0 i 25 oed."),
    "text": [
        ("This website is the Local Offer (a guide to help and services) for Glanafon.",
         "Y wefan hon yw'r Cynnig Lleol (canllaw i help a gwasanaethau) ar gyfer Glanafon."),
        ("It is for families of children and young people with additional learning needs (ALN).",
         "Mae ar gyfer teuluoedd plant a phobl ifanc ag anghenion dysgu ychwanegol (ADY)."),
        ("It covers children and young people aged 0 to 25.",
         "Mae'n sôn am blant a phobl ifanc rhwng 0 a 25 oed."),
        ("Choose a subject to see the services we offer.",
         "Dewiswch bwnc i weld y gwasanaethau rydyn ni'n eu cynnig."),
    ],
    "sections": ("Subjects", "Pynciau"),
}

GLOSSARY_PAGE = {
    "title": ("Glossary", "Geirfa"),
    "description": ("Plain explanations of the words and short forms used on this website.",
                    "Esboniadau syml o'r geiriau a'r byrfoddau ar y wefan hon."),
    "text": [("This page explains words you may see on this website.",
              "Mae'r dudalen hon yn esbonio geiriau efallai y byddwch chi'n eu gweld ar y wefan hon.")],
}

ORGANISATION = ("Glanafon County Council", "Cyngor Sir Glanafon")
CO_PRODUCED = ("Glanafon Parent Carer Forum", "Fforwm Rhieni Gofalwyr Glanafon")


# === the generator ===========================================================================

import argparse
import copy
import datetime as dt
import random
import shutil
import struct
import sys
import zlib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "cy")
ANCHOR = dt.date(2026, 11, 1)  # review dates are fixed relative to this, not to today
PHONE_PREFIX = "01632 960"       # Ofcom's range for drama: never a real number
DOMAIN = "glanafon.example"
DEFAULT_PAGES = 500


def _pick(rng: random.Random, items, k: int):
    return rng.sample(items, min(k, len(items)))


def _both(pair, **slots):
    return tuple(text.format(**slots) for text in pair)


def _front_matter(fields: dict) -> str:
    return "---\n" + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1000) + "---\n"


def _rel(from_path: str, to_path: str) -> str:
    import posixpath

    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def _dates(rng: random.Random) -> tuple[dt.date, dt.date]:
    reviewed = ANCHOR - dt.timedelta(days=rng.randrange(0, 150))
    due = reviewed + dt.timedelta(days=365)
    return reviewed, due


def _words(text: str) -> int:
    return len(text.split())


# --- the page plan ---------------------------------------------------------------------------

# The template's own pages made from data (search, translation status, topic coverage), copied
# from the repository's docs/ as they are when there is room for them. ("You said, we did" is
# left out: it links to pages of the example site.)
SPECIAL_PAGES = ("search.md", "translation-status.md", "coverage.md")


def special_pages(pages: int) -> list[str]:
    found = [name for name in SPECIAL_PAGES
             if (ROOT / "docs" / name).is_file() and (ROOT / "docs" / name.replace(".md", ".cy.md")).is_file()]
    return found if pages >= 2 + len(found) + 4 else []


def plan(pages: int, seed: int) -> list[dict]:
    """Which pages to write: home, glossary, the template's special pages, section index pages
    and service pages.

    ``pages`` is the number of pages per language (pairs of .md and .cy.md)."""
    if pages < 2:
        raise ValueError("at least 2 pages per language (home and glossary)")
    rng = random.Random(seed)
    specials = special_pages(pages)
    remaining = pages - 2 - len(specials)
    n_sections = min(len(SECTIONS), (remaining + 1) // 2) if remaining else 0
    content = remaining - n_sections
    sections = SECTIONS[:n_sections]
    out = [{"kind": "home", "path": "index.md"}, {"kind": "glossary", "path": "glossary.md"}]
    out += [{"kind": "special", "path": name} for name in specials]
    combos = {sid: [(s, a) for s in services for a in AREAS] for sid, _, _, _, _, services in sections}
    for combo in combos.values():
        rng.shuffle(combo)
    per_section = {sid: [] for sid, *_ in sections}
    for i in range(content):
        sid = sections[i % n_sections][0]
        per_section[sid].append(None)
    for sid, name_en, name_cy, topics, team, _ in sections:
        out.append({"kind": "section", "path": f"{sid}/index.md", "section": sid,
                    "name": (name_en, name_cy), "topics": topics, "team": team})
        used = set()
        for n in range(len(per_section[sid])):
            service, area = combos[sid][n % len(combos[sid])]
            suffix = "" if n < len(combos[sid]) else f"-{n // len(combos[sid]) + 1}"
            slug = _slug(f"{service[0]} {area[0]}") + suffix
            while slug in used:
                slug += "-x"
            used.add(slug)
            title = (f"{service[0]}: {area[0]}", f"{service[1]}: {area[1]}")
            if suffix:
                title = (f"{title[0]} ({suffix[1:]})", f"{title[1]} ({suffix[1:]})")
            out.append({"kind": "service", "path": f"{sid}/{slug}.md", "section": sid,
                        "title": title, "service": service, "area": area, "topics": topics, "team": team})
    return out


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


# --- pages -----------------------------------------------------------------------------------

def service_page(item: dict, rng: random.Random, all_pages: list[dict], target_words: int) -> dict[str, str]:
    """The English and Welsh text of one service page (same shape, same facts)."""
    path = item["path"]
    lo, hi = rng.choice(AGE_RANGES)
    phone = f"{PHONE_PREFIX} {rng.randrange(100, 1000):03d}"
    email = f"{item['section']}@{DOMAIN}"
    reviewed, due = _dates(rng)
    image = rng.choice(IMAGES)
    cost, hours, venue = rng.choice(COSTS), rng.choice(HOURS), rng.choice(VENUES)
    wait = rng.choice([2, 3, 4, 6, 8])
    intro = [rng.choice(INTRO_FIRST), rng.choice(INTRO_IDP)] + _pick(rng, INTRO_MORE, 2)
    who = [_both(rng.choice(WHO_FIRST), lo=lo, hi=hi)] + _pick(rng, WHO_MORE, 2)
    who_items = _pick(rng, WHO_ITEMS, 4)
    what_order = list(WHAT)
    rng.shuffle(what_order)
    ask = _pick(rng, ASK, 3)
    welsh = _pick(rng, WELSH, 3)
    unhappy = _pick(rng, UNHAPPY, 3)
    others = [p for p in all_pages if p["kind"] == "service" and p["path"] != path]
    related = _pick(rng, others, 3)
    service_en, area = item["service"][0], item["area"]

    def render(lang: str, n_what: int) -> str:
        i = 0 if lang == "en" else 1
        fm = {
            "title": item["title"][i],
            "description": (f"{service_en} for families in {area[0]}." if i == 0
                            else f"{item['service'][1]} i deuluoedd {area[2]}."),
            "last_reviewed": reviewed,
            "review_due": due,
            "owner": item["team"][i],
            "topics": item["topics"],
            "co_produced_with": CO_PRODUCED[i],
        }
        lines = [_front_matter(fm), f"# {item['title'][i]}", "", " ".join(s[i] for s in intro), "",
                 f"![{image[1 + i]}]({_rel(path, 'assets/images/' + image[0])})", "",
                 f"## {HEADINGS['who'][i]}", "", " ".join(s[i] for s in who), "", WHO_LIST_INTRO[i], ""]
        lines += [f"- {it[i]}" for it in who_items]
        lines += ["", f"## {HEADINGS['what'][i]}", ""]
        what = what_order[:n_what]
        half = (len(what) + 1) // 2
        lines += [" ".join(s[i] for s in what[:half]), "", " ".join(s[i] for s in what[half:]), ""]
        head = TABLE_HEAD[i]
        rows = [
            (TABLE_ROWS["ages"][i], f"{lo} to {hi}" if i == 0 else f"{lo} i {hi} oed"),
            (TABLE_ROWS["cost"][i], cost[i]),
            (TABLE_ROWS["hours"][i], hours[i]),
            (TABLE_ROWS["where"][i], venue[i]),
            (TABLE_ROWS["wait"][i], f"About {wait} weeks" if i == 0 else f"Tua {wait} wythnos"),
        ]
        lines += [f"## {HEADINGS['table'][i]}", "", f"| {head[0]} | {head[1]} |", "| --- | --- |"]
        lines += [f"| {a} | {b} |" for a, b in rows]
        lines += ["", f"## {HEADINGS['ask'][i]}", "", " ".join(s[i] for s in ask), ""]
        lines += [f"- {CONTACT_LABELS['phone'][i]}: {phone}",
                  f"- {CONTACT_LABELS['email'][i]}: [{email}](mailto:{email})",
                  f"- {CONTACT_LABELS['relay'][i]}", ""]
        lines += [f"## {HEADINGS['welsh'][i]}", "", " ".join(s[i] for s in welsh), ""]
        lines += [f"## {HEADINGS['unhappy'][i]}", "", " ".join(s[i] for s in unhappy), ""]
        lines += [f"## {HEADINGS['related'][i]}", ""]
        lines += [f"- [{p['title'][i]}]({_rel(path, p['path'])})" for p in related]
        lines += ["", GLOSSARY_SENTENCE[i].format(href=_rel(path, "glossary.md")), ""]
        return "\n".join(lines)

    # as many "what happens" sentences as it takes to reach the target length (English)
    n_what = 4
    while n_what < len(what_order) and _words(_body(render("en", n_what))) < target_words:
        n_what += 1
    return {"en": render("en", n_what), "cy": render("cy", n_what)}


def _body(markdown: str) -> str:
    return markdown.split("---\n", 2)[2] if markdown.startswith("---\n") else markdown


def section_page(item: dict, rng: random.Random, all_pages: list[dict]) -> dict[str, str]:
    reviewed, due = _dates(rng)
    out = {}
    for i, lang in enumerate(LANGS):
        fm = {"title": item["name"][i],
              "description": (f"Services for families in Glanafon: {item['name'][0].lower()}." if i == 0
                              else f"Gwasanaethau i deuluoedd yng Nglanafon: {item['name'][1].lower()}."),
              "last_reviewed": reviewed, "review_due": due, "owner": item["team"][i],
              "topics": item["topics"], "co_produced_with": CO_PRODUCED[i], "generate": "section"}
        # the build lists the section's pages a page at a time (generate/section_list.py)
        lines = [_front_matter(fm), f"# {item['name'][i]}", "", " ".join(s[i] for s in SECTION_INTRO), ""]
        out[lang] = "\n".join(lines) + "\n"
    return out


def home_page(all_pages: list[dict], extra_topics: list[str]) -> dict[str, str]:
    out = {}
    topics = ["advice-and-support", "contact", "other-formats", "accessibility"]
    topics += [t for t in extra_topics if t not in topics]
    for i, lang in enumerate(LANGS):
        fm = {"title": HOME["title"][i], "description": HOME["description"][i],
              "last_reviewed": ANCHOR - dt.timedelta(days=20),
              "review_due": ANCHOR + dt.timedelta(days=180),
              "owner": "ALN Team" if i == 0 else "Tîm ADY", "topics": topics,
              "co_produced_with": CO_PRODUCED[i]}
        lines = [_front_matter(fm), f"# {HOME['title'][i]}", "", " ".join(s[i] for s in HOME["text"]), "",
                 f"## {HOME['sections'][i]}", ""]
        lines += [f"- [{p['name'][i]}]({p['path']})" for p in all_pages if p["kind"] == "section"]
        out[lang] = "\n".join(lines) + "\n"
    return out


def glossary_page() -> dict[str, str]:
    out = {}
    for i, lang in enumerate(LANGS):
        fm = {"title": GLOSSARY_PAGE["title"][i], "description": GLOSSARY_PAGE["description"][i],
              "last_reviewed": ANCHOR - dt.timedelta(days=10),
              "review_due": ANCHOR + dt.timedelta(days=180),
              "owner": "ALN Team" if i == 0 else "Tîm ADY", "topics": ["glossary"],
              "co_produced_with": CO_PRODUCED[i], "generate": "glossary"}
        out[lang] = (_front_matter(fm) + f"\n# {GLOSSARY_PAGE['title'][i]}\n\n"
                     + " ".join(s[i] for s in GLOSSARY_PAGE["text"]) + "\n")
    return out


# --- the services directory ------------------------------------------------------------------

NEEDS = ["communication-and-interaction", "autism", "cognition-and-learning",
         "social-emotional-mental-health", "sensory-and-physical", "hearing", "vision"]


def services(count: int, seed: int) -> dict[str, str]:
    """``data/services/<id>.yml`` files in the schema of ``localoffer.services``."""
    rng = random.Random(seed + 1)
    combos = [(sec, s, a) for sec in SECTIONS for s in sec[5] for a in AREAS]
    rng.shuffle(combos)
    out = {}
    for n in range(count):
        section, service, area = combos[n % len(combos)]
        sid = _slug(f"{service[0]} {area[0]}") + ("" if n < len(combos) else f"-{n // len(combos) + 1}")
        lo, hi = rng.choice(AGE_RANGES)
        cost = rng.choice(COSTS)
        hours = rng.choice(HOURS)
        assured = ANCHOR - dt.timedelta(days=rng.randrange(0, 150))
        data = {
            "id": sid,
            "name": {"en": f"{service[0]} in {area[0]}", "cy": f"{service[1]} {area[2]}"},
            "description": {"en": f"{service[0]} for children and young people aged {lo} to {hi} in {area[0]}.",
                            "cy": f"{service[1]} i blant a phobl ifanc o {lo} i {hi} oed {area[2]}."},
            "organisation": {"en": ORGANISATION[0], "cy": ORGANISATION[1]},
            "status": "active",
            "email": f"{section[0]}@{DOMAIN}",
            "minimum_age": lo,
            "maximum_age": hi,
            "needs": sorted(_pick(rng, NEEDS, rng.randrange(1, 4)), key=NEEDS.index),
            "area": {"id": _slug(area[0]), "en": area[0], "cy": area[1]},
            "cost": {"free": cost[0] == "Free", "en": cost[0] + ".", "cy": cost[1] + "."},
            "how_to_access": {"en": "Phone or email us. You do not need a referral.",
                              "cy": "Ffoniwch neu e-bostiwch ni. Does dim angen atgyfeiriad arnoch chi."},
            "eligibility": {"en": f"Children and young people aged {lo} to {hi} who live in Glanafon.",
                            "cy": f"Plant a phobl ifanc o {lo} i {hi} oed sy'n byw yng Nglanafon."},
            # one team, one duty phone number, on every service it runs (as in a real
            # directory; meta/contact-consistency warns when the same contact has two)
            "contacts": [{"name": {"en": f"{section[4][0]} duty officer", "cy": f"Swyddog dyletswydd {section[4][1]}"},
                          "phone": f"{PHONE_PREFIX} {100 + zlib.crc32(section[0].encode()) % 900:03d}",
                          "email": f"{section[0]}@{DOMAIN}"}],
            "locations": [{"address": {"en": f"{rng.choice(VENUES[:1] + VENUES[3:5])[0]}, {area[0]}",
                                       "cy": f"{rng.choice(VENUES[:1] + VENUES[3:5])[1]}, {area[1]}"},
                           "postcode": f"GF{rng.randrange(1, 9)} {rng.randrange(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTUWXYZ')}",
                           "accessibility": {"en": "Step-free entrance and an accessible toilet.",
                                             "cy": "Mynedfa heb risiau a thoiled hygyrch."}}],
            "schedules": {"en": hours[0] + ".", "cy": hours[1] + "."},
            "languages": ["en", "cy"] + (["bsl"] if rng.random() < 0.3 else []),
            "assured_date": assured.isoformat(),
        }
        # the same venue in both languages
        venue = rng.choice(VENUES[:1] + VENUES[3:5])
        data["locations"][0]["address"] = {"en": f"{venue[0]}, {area[0]}", "cy": f"{venue[1]}, {area[1]}"}
        out[sid] = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    return out


# --- images ----------------------------------------------------------------------------------

def _svg(shapes: str) -> str:
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 160" width="240" height="160">'
            '<rect width="240" height="160" fill="#eef3f9"/>' + shapes + "</svg>\n")


SVGS = {
    "reading.svg": _svg('<circle cx="80" cy="50" r="22" fill="#1d4f91"/><circle cx="160" cy="70" r="16" fill="#8a1538"/>'
                        '<rect x="90" y="100" width="60" height="36" fill="#ffffff" stroke="#1d4f91" stroke-width="4"/>'),
    "laptop.svg": _svg('<rect x="60" y="40" width="120" height="76" rx="6" fill="#1d4f91"/>'
                       '<rect x="40" y="116" width="160" height="12" rx="4" fill="#8a1538"/>'),
    "family.svg": _svg('<circle cx="60" cy="60" r="20" fill="#1d4f91"/><circle cx="120" cy="70" r="16" fill="#8a1538"/>'
                       '<circle cx="180" cy="60" r="20" fill="#1d4f91"/><rect x="30" y="100" width="180" height="30" fill="#c9d6e8"/>'),
}


def _png(width: int = 120, height: int = 80) -> bytes:
    """A small map-like PNG (blue water, green land), made without any image library."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            land = (x - 60) ** 2 / 2500 + (y - 40) ** 2 / 900 < 1
            road = abs(x - y - 20) < 2 or abs(x + y - 110) < 2
            row += bytes((90, 90, 90) if road else (120, 170, 110) if land else (140, 180, 220))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


# --- mkdocs.yml -------------------------------------------------------------------------------

def _title_of(item):
    return item["title"][0] if "title" in item else item["name"][0]


def nav(all_pages: list[dict]) -> list:
    entries: list = [{"Home": "index.md"}]
    for item in all_pages:
        if item["kind"] == "section":
            children = [item["path"]] + [p["path"] for p in all_pages
                                         if p["kind"] == "service" and p["section"] == item["section"]]
            entries.append({item["name"][0]: children})
    entries.append("glossary.md")
    return entries


def mkdocs_config(all_pages: list[dict], *, bare: bool = False, source: Path | None = None) -> dict:
    """The generated project's mkdocs.yml: the repository's, with our nav, and hooks and overrides
    at the repository's absolute paths. ``bare``: stock Material + static-i18n, no hooks, no overrides."""
    source = source or ROOT / "mkdocs.yml"
    from localoffer import settings as settings_module  # the repository's YAML loader (line-aware, safe)

    config = copy.deepcopy(settings_module.read_yaml(source))
    config = _plain(config)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["nav"] = nav(all_pages)  # not_in_nav stays as in the repository's mkdocs.yml
    theme = config.setdefault("theme", {})
    if bare:
        config.pop("hooks", None)
        theme.pop("custom_dir", None)
    else:
        if theme.get("custom_dir"):
            theme["custom_dir"] = str((source.parent / theme["custom_dir"]).resolve())
        config["hooks"] = [str((source.parent / h).resolve()) for h in config.get("hooks") or []]
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"].get("languages") or []:
                if language.get("locale") == "cy":
                    translations = dict(language.get("nav_translations") or {})
                    for item in all_pages:
                        if item["kind"] == "section":
                            translations[item["name"][0]] = item["name"][1]
                    translations[GLOSSARY_PAGE["title"][0]] = GLOSSARY_PAGE["title"][1]
                    language["nav_translations"] = translations
    return config


def _plain(value):
    """Plain dicts and lists (the repository's loader returns line-aware subclasses)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def write_config(path: Path, config: dict) -> None:
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")


# --- the whole project ------------------------------------------------------------------------

def generate(out: Path, pages: int = DEFAULT_PAGES, seed: int = 1, n_services: int | None = None,
             target_words: int = 390, record_translations: bool = True) -> dict:
    """Write a Local Offer project into ``out`` (mkdocs.yml, docs/, data/). Returns a summary."""
    out = Path(out)
    rng = random.Random(seed)
    items = plan(pages, seed)
    if out.exists():
        for name in ("docs", "data", "mkdocs.yml"):
            target = out / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    docs = out / "docs"
    (docs / "assets" / "images").mkdir(parents=True, exist_ok=True)
    covered = {t for item in items for t in item.get("topics", [])}
    from localoffer import coverage

    all_topics = [t for t in coverage.topic_ids("wales")]
    texts: dict[str, dict[str, str]] = {}
    for item in items:
        if item["kind"] == "service":
            texts[item["path"]] = service_page(item, rng, items, target_words)
        elif item["kind"] == "section":
            texts[item["path"]] = section_page(item, rng, items)
    texts["index.md"] = home_page(items, [t for t in all_topics if t not in covered and t != "glossary"])
    texts["glossary.md"] = glossary_page()
    for item in items:
        if item["kind"] == "special":
            source = ROOT / "docs" / item["path"]
            texts[item["path"]] = {"en": source.read_text("utf-8"),
                                   "cy": source.with_name(source.name[:-3] + ".cy.md").read_text("utf-8")}
    for path, pair in texts.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(pair["en"], encoding="utf-8")
        special = any(i["path"] == path and i["kind"] == "special" for i in items)
        cy_text = (_record_translation(pair["en"], pair["cy"], path)
                   if record_translations and not special else pair["cy"])
        target.with_name(target.name[:-3] + ".cy.md").write_text(cy_text, encoding="utf-8")
    images = docs / "assets" / "images"
    shutil.copyfile(ROOT / "docs" / "assets" / "images" / "logo.svg", images / "logo.svg")
    for name, svg in SVGS.items():
        (images / name).write_text(svg, encoding="utf-8")
    (images / "map.png").write_bytes(_png())
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    for name in ("glossary.yml", "you-said-we-did.yml"):
        if (ROOT / "data" / name).is_file():
            shutil.copyfile(ROOT / "data" / name, data / name)
    if n_services is None:
        n_services = max(1, pages // 10)
    for sid, text in services(n_services, seed).items():
        (data / "services").mkdir(exist_ok=True)
        (data / "services" / f"{sid}.yml").write_text(text, encoding="utf-8")
    write_config(out / "mkdocs.yml", mkdocs_config(items))
    words = sum(_words(_body(pair[lang])) for pair in texts.values() for lang in LANGS)
    return {"pages_per_language": len(texts), "services": n_services, "words": words, "dir": str(out)}


def _record_translation(en_text: str, cy_text: str, path: str) -> str:
    """The Welsh page with ``translated_from`` set, as ``localoffer translated`` writes it
    (the Welsh pages are full translations). Left out if that API is not there."""
    try:
        from localoffer import translation
    except ImportError:
        return cy_text
    if not all(hasattr(translation, name) for name in ("fingerprint", "record_text", "parse_text")):
        return cy_text
    return translation.record_text(cy_text, translation.fingerprint(translation.parse_text(en_text, path)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Generate a bilingual Local Offer project for benchmarks.")
    parser.add_argument("out", type=Path, help="the folder to write (mkdocs.yml, docs/, data/)")
    parser.add_argument("--pages", type=int, default=DEFAULT_PAGES, help="pages per language (default 500)")
    parser.add_argument("--services", type=int, default=None, help="service files (default: pages / 10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-record-translations", dest="record_translations", action="store_false",
                        help="leave out translated_from in the Welsh pages (by default it is written, "
                             "as 'localoffer translated' does)")
    args = parser.parse_args(argv)
    summary = generate(args.out, args.pages, args.seed, args.services,
                       record_translations=args.record_translations)
    print(f"{summary['pages_per_language']} pages per language, {summary['services']} services, "
          f"{summary['words']} words, in {summary['dir']}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "scripts"))
    raise SystemExit(main())
