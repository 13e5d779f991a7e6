"""Lookup tables for claim extraction: countries, US states, organisations, titles and names."""

from __future__ import annotations

import unicodedata

__all__ = [
    "COUNTRIES", "HONORIFICS", "MULTI_HOLDER_TITLES", "NAME_PARTICLES", "ORG_SUFFIXES", "TITLES",
    "US_STATES", "country_of",
]

# Keys are lower-case. Ambiguous lower-case surface forms are left out on purpose: "us" (pronoun),
# "congo"/"congolese" (two countries), "korea"/"korean" (two countries), "car" (Central African
# Republic), "english" (mostly the language), "pole"/"swede" (common nouns).


def _fold(text: str) -> str:
    """Drop accents: "côte d'ivoire" -> "cote d'ivoire"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Demonyms that take no plural "-s" even though the simple rule below would add one.
_NO_PLURAL = frozenset(
    "philippine lao i-kiribati ni-vanuatu basotho mosotho motswana batswana burkinabe burkinabè"
    .split()
)


def _plural(demonym: str) -> str | None:
    """The -s plural of a demonym ("kenyans"); None for "chinese", "dutch", "swiss" and the like."""
    if demonym in _NO_PLURAL or demonym.endswith(("ese", "sh", "ch", "s", "x", "z", "y", "ic")):
        return None
    return demonym + "s"


def _variants(name: str) -> set[str]:
    """Spelling variants of one surface form: accents, apostrophes, "saint"/"st", "and"/"&"."""
    out = {name, _fold(name)}
    for form in list(out):
        if "'" in form:
            out.add(form.replace("'", "\u2019"))
        if form.startswith("saint ") or " saint " in form:
            out.add(form.replace("saint ", "st. "))
            out.add(form.replace("saint ", "st "))
    for form in list(out):
        if " and " in form:
            out.add(form.replace(" and ", " & "))
    return out


def _build(
    rows: tuple[tuple[str, str, str], ...], skip: frozenset[str] = frozenset()
) -> dict[str, str]:
    """Rows of (canonical, "name|name", "demonym|demonym") -> {lower-case surface: canonical}."""
    table: dict[str, str] = {}
    for canonical, names, demonyms in rows:
        forms = {canonical.lower(), *filter(None, names.split("|"))}
        for demonym in filter(None, demonyms.split("|")):
            forms.add(demonym)
            plural = _plural(demonym)
            if plural:
                forms.add(plural)
        for form in forms - skip:
            for variant in _variants(form):
                table[variant] = canonical
    return table


# (canonical name, other names and abbreviations, demonyms/adjectives); the canonical name's
# lower-case form is always a key. 193 UN members, then Taiwan, Kosovo, Palestine, Hong Kong and
# Vatican City.
_COUNTRY_ROWS: tuple[tuple[str, str, str], ...] = (
    ("Afghanistan", "islamic republic of afghanistan|islamic emirate of afghanistan", "afghan"),
    ("Albania", "republic of albania", "albanian"),
    ("Algeria", "people's democratic republic of algeria", "algerian"),
    ("Andorra", "principality of andorra", "andorran"),
    ("Angola", "republic of angola", "angolan"),
    ("Antigua and Barbuda", "antigua", "antiguan|barbudan"),
    ("Argentina", "argentine republic", "argentine|argentinian|argentinean"),
    ("Armenia", "republic of armenia", "armenian"),
    ("Australia", "commonwealth of australia", "australian"),
    ("Austria", "republic of austria", "austrian"),
    ("Azerbaijan", "republic of azerbaijan", "azerbaijani|azeri"),
    ("Bahamas", "the bahamas|commonwealth of the bahamas", "bahamian"),
    ("Bahrain", "kingdom of bahrain", "bahraini"),
    ("Bangladesh", "people's republic of bangladesh", "bangladeshi"),
    ("Barbados", "", "barbadian"),
    ("Belarus", "republic of belarus", "belarusian|belarussian|belorussian"),
    ("Belgium", "kingdom of belgium", "belgian"),
    ("Belize", "", "belizean"),
    ("Benin", "republic of benin", "beninese|beninois"),
    ("Bhutan", "kingdom of bhutan", "bhutanese"),
    ("Bolivia", "plurinational state of bolivia", "bolivian"),
    ("Bosnia and Herzegovina", "bosnia-herzegovina|bosnia herzegovina|bosnia",
     "bosnian|bosniak|herzegovinian"),
    ("Botswana", "republic of botswana", "botswanan|motswana|batswana"),
    ("Brazil", "federative republic of brazil|brasil", "brazilian"),
    ("Brunei", "brunei darussalam", "bruneian"),
    ("Bulgaria", "republic of bulgaria", "bulgarian"),
    ("Burkina Faso", "", "burkinabe|burkinabè"),
    ("Burundi", "republic of burundi", "burundian"),
    ("Cambodia", "kingdom of cambodia", "cambodian"),
    ("Cameroon", "republic of cameroon", "cameroonian"),
    ("Canada", "", "canadian"),
    ("Cape Verde", "cabo verde|republic of cabo verde", "cape verdean|cabo verdean"),
    ("Central African Republic", "the central african republic", "central african"),
    ("Chad", "republic of chad", "chadian"),
    ("Chile", "republic of chile", "chilean"),
    ("China", "people's republic of china|the people's republic of china|prc|p.r.c.|mainland china",
     "chinese"),
    ("Colombia", "republic of colombia", "colombian"),
    ("Comoros", "the comoros|union of the comoros", "comorian"),
    ("Republic of the Congo",
     "republic of congo|congo-brazzaville|congo brazzaville|congo republic", ""),
    ("Democratic Republic of the Congo",
     "the democratic republic of the congo|democratic republic of congo|dr congo|d.r. congo|drc"
     "|d.r.c.|congo-kinshasa|congo kinshasa", ""),
    ("Costa Rica", "republic of costa rica", "costa rican"),
    ("Croatia", "republic of croatia", "croatian|croat"),
    ("Cuba", "republic of cuba", "cuban"),
    ("Cyprus", "republic of cyprus", "cypriot"),
    ("Czech Republic", "the czech republic|czechia", "czech|czechs"),
    ("Denmark", "kingdom of denmark", "danish|dane"),
    ("Djibouti", "republic of djibouti", "djiboutian"),
    ("Dominica", "commonwealth of dominica", ""),
    ("Dominican Republic", "the dominican republic", "dominican"),
    ("East Timor", "timor-leste|timor leste|democratic republic of timor-leste",
     "east timorese|timorese"),
    ("Ecuador", "republic of ecuador", "ecuadorian|ecuadorean"),
    ("Egypt", "arab republic of egypt", "egyptian"),
    ("El Salvador", "republic of el salvador", "salvadoran|salvadorean|salvadorian"),
    ("Equatorial Guinea", "republic of equatorial guinea", "equatorial guinean|equatoguinean"),
    ("Eritrea", "state of eritrea", "eritrean"),
    ("Estonia", "republic of estonia", "estonian"),
    ("Eswatini", "swaziland|kingdom of eswatini", "swazi"),
    ("Ethiopia", "federal democratic republic of ethiopia", "ethiopian"),
    ("Fiji", "republic of fiji", "fijian"),
    ("Finland", "republic of finland", "finnish|finn"),
    ("France", "french republic", "french"),
    ("Gabon", "gabonese republic", "gabonese"),
    ("Gambia", "the gambia|republic of the gambia", "gambian"),
    ("Georgia", "", "georgian"),
    ("Germany", "federal republic of germany", "german"),
    ("Ghana", "republic of ghana", "ghanaian"),
    ("Greece", "hellenic republic", "greek|hellenic"),
    ("Grenada", "", "grenadian"),
    ("Guatemala", "republic of guatemala", "guatemalan"),
    ("Guinea", "republic of guinea|guinea-conakry|guinea conakry", "guinean"),
    ("Guinea-Bissau", "guinea bissau|republic of guinea-bissau", "bissau-guinean|bissau guinean"),
    ("Guyana", "co-operative republic of guyana", "guyanese"),
    ("Haiti", "republic of haiti", "haitian"),
    ("Honduras", "republic of honduras", "honduran"),
    ("Hungary", "", "hungarian"),
    ("Iceland", "", "icelandic|icelander"),
    ("India", "republic of india|bharat", "indian"),
    ("Indonesia", "republic of indonesia", "indonesian"),
    ("Iran", "islamic republic of iran", "iranian"),
    ("Iraq", "republic of iraq", "iraqi"),
    ("Ireland", "republic of ireland|eire|éire", "irish"),
    ("Israel", "state of israel", "israeli"),
    ("Italy", "italian republic", "italian"),
    ("Ivory Coast", "côte d'ivoire|republic of côte d'ivoire|the ivory coast", "ivorian"),
    ("Jamaica", "", "jamaican"),
    ("Japan", "", "japanese"),
    ("Jordan", "hashemite kingdom of jordan", "jordanian"),
    ("Kazakhstan", "republic of kazakhstan", "kazakh|kazakhstani"),
    ("Kenya", "republic of kenya", "kenyan"),
    ("Kiribati", "republic of kiribati", "i-kiribati"),
    ("Kuwait", "state of kuwait", "kuwaiti"),
    ("Kyrgyzstan", "kyrgyz republic", "kyrgyz|kyrgyzstani"),
    ("Laos", "lao pdr|lao people's democratic republic", "lao|laotian"),
    ("Latvia", "republic of latvia", "latvian"),
    ("Lebanon", "lebanese republic", "lebanese"),
    ("Lesotho", "kingdom of lesotho", "basotho|mosotho"),
    ("Liberia", "republic of liberia", "liberian"),
    ("Libya", "state of libya", "libyan"),
    ("Liechtenstein", "principality of liechtenstein", "liechtensteiner"),
    ("Lithuania", "republic of lithuania", "lithuanian"),
    ("Luxembourg", "grand duchy of luxembourg", "luxembourgish|luxembourger"),
    ("Madagascar", "republic of madagascar", "malagasy"),
    ("Malawi", "republic of malawi", "malawian"),
    ("Malaysia", "", "malaysian"),
    ("Maldives", "the maldives|republic of maldives", "maldivian"),
    ("Mali", "republic of mali", "malian"),
    ("Malta", "republic of malta", "maltese"),
    ("Marshall Islands", "the marshall islands|republic of the marshall islands", "marshallese"),
    ("Mauritania", "islamic republic of mauritania", "mauritanian"),
    ("Mauritius", "republic of mauritius", "mauritian"),
    ("Mexico", "united mexican states|méxico", "mexican"),
    ("Micronesia", "federated states of micronesia", "micronesian"),
    ("Moldova", "republic of moldova", "moldovan"),
    ("Monaco", "principality of monaco", "monegasque|monacan"),
    ("Mongolia", "", "mongolian"),
    ("Montenegro", "", "montenegrin"),
    ("Morocco", "kingdom of morocco", "moroccan"),
    ("Mozambique", "republic of mozambique", "mozambican"),
    ("Myanmar", "burma|republic of the union of myanmar", "burmese"),
    ("Namibia", "republic of namibia", "namibian"),
    ("Nauru", "republic of nauru", "nauruan"),
    ("Nepal", "federal democratic republic of nepal", "nepali|nepalese"),
    ("Netherlands", "the netherlands|holland|kingdom of the netherlands", "dutch|netherlander"),
    ("New Zealand", "aotearoa", "new zealander"),
    ("Nicaragua", "republic of nicaragua", "nicaraguan"),
    ("Niger", "republic of niger|republic of the niger", "nigerien"),
    ("Nigeria", "federal republic of nigeria", "nigerian"),
    ("North Korea", "dprk|d.p.r.k.|democratic people's republic of korea", "north korean"),
    ("North Macedonia", "macedonia|republic of north macedonia|fyrom",
     "north macedonian|macedonian"),
    ("Norway", "kingdom of norway", "norwegian"),
    ("Oman", "sultanate of oman", "omani"),
    ("Pakistan", "islamic republic of pakistan", "pakistani"),
    ("Palau", "republic of palau", "palauan"),
    ("Panama", "republic of panama|panamá", "panamanian"),
    ("Papua New Guinea", "png|independent state of papua new guinea", "papua new guinean"),
    ("Paraguay", "republic of paraguay", "paraguayan"),
    ("Peru", "republic of peru|perú", "peruvian"),
    ("Philippines", "the philippines|republic of the philippines",
     "philippine|filipino|filipina"),
    ("Poland", "republic of poland", "polish"),
    ("Portugal", "portuguese republic", "portuguese"),
    ("Qatar", "state of qatar", "qatari"),
    ("Romania", "", "romanian"),
    ("Russia", "russian federation|the russian federation", "russian"),
    ("Rwanda", "republic of rwanda", "rwandan|rwandese"),
    ("Saint Kitts and Nevis", "saint kitts|federation of saint kitts and nevis",
     "kittitian|nevisian"),
    ("Saint Lucia", "", "saint lucian"),
    ("Saint Vincent and the Grenadines", "saint vincent", "vincentian"),
    ("Samoa", "independent state of samoa", "samoan"),
    ("San Marino", "republic of san marino", "sammarinese"),
    ("São Tomé and Príncipe", "são tomé", "santomean"),
    ("Saudi Arabia", "kingdom of saudi arabia|ksa", "saudi|saudi arabian"),
    ("Senegal", "republic of senegal", "senegalese"),
    ("Serbia", "republic of serbia", "serbian|serb"),
    ("Seychelles", "the seychelles|republic of seychelles", "seychellois"),
    ("Sierra Leone", "republic of sierra leone", "sierra leonean"),
    ("Singapore", "republic of singapore", "singaporean"),
    ("Slovakia", "slovak republic", "slovak|slovakian"),
    ("Slovenia", "republic of slovenia", "slovenian|slovene"),
    ("Solomon Islands", "the solomon islands", "solomon islander"),
    ("Somalia", "federal republic of somalia", "somali"),
    ("South Africa", "republic of south africa", "south african"),
    ("South Korea", "republic of korea|rok|r.o.k.", "south korean"),
    ("South Sudan", "republic of south sudan", "south sudanese"),
    ("Spain", "kingdom of spain|españa", "spanish|spaniard"),
    ("Sri Lanka", "democratic socialist republic of sri lanka", "sri lankan"),
    ("Sudan", "the sudan|republic of sudan|republic of the sudan", "sudanese"),
    ("Suriname", "surinam|republic of suriname", "surinamese|surinamer"),
    ("Sweden", "kingdom of sweden", "swedish"),
    ("Switzerland", "swiss confederation", "swiss"),
    ("Syria", "syrian arab republic", "syrian"),
    ("Tajikistan", "republic of tajikistan", "tajik|tajikistani"),
    ("Tanzania", "united republic of tanzania", "tanzanian"),
    ("Thailand", "kingdom of thailand", "thai"),
    ("Togo", "togolese republic", "togolese"),
    ("Tonga", "kingdom of tonga", "tongan"),
    ("Trinidad and Tobago", "trinidad|republic of trinidad and tobago",
     "trinidadian|tobagonian|trinbagonian"),
    ("Tunisia", "republic of tunisia", "tunisian"),
    ("Turkey", "türkiye|republic of türkiye|republic of turkey", "turkish|turk"),
    ("Turkmenistan", "", "turkmen|turkmenistani"),
    ("Tuvalu", "", "tuvaluan"),
    ("Uganda", "republic of uganda", "ugandan"),
    ("Ukraine", "the ukraine", "ukrainian"),
    ("United Arab Emirates", "the united arab emirates|uae|u.a.e.|the uae", "emirati"),
    ("United Kingdom",
     "the united kingdom|united kingdom of great britain and northern ireland|uk|u.k.|u.k"
     "|the uk|the u.k.|britain|great britain|england|scotland|wales|northern ireland",
     "british|briton|scottish|scot|scots|welsh|northern irish"),
    ("United States",
     "the united states|united states of america|the united states of america|u.s.|u.s"
     "|u.s.a.|u.s.a|usa|the us|the u.s.|america", "american"),
    ("Uruguay", "oriental republic of uruguay", "uruguayan"),
    ("Uzbekistan", "republic of uzbekistan", "uzbek|uzbekistani"),
    ("Vanuatu", "republic of vanuatu", "ni-vanuatu|vanuatuan"),
    ("Venezuela", "bolivarian republic of venezuela", "venezuelan"),
    ("Vietnam", "viet nam|socialist republic of vietnam|socialist republic of viet nam",
     "vietnamese"),
    ("Yemen", "republic of yemen", "yemeni|yemenite"),
    ("Zambia", "republic of zambia", "zambian"),
    ("Zimbabwe", "republic of zimbabwe", "zimbabwean"),
    # Not UN members.
    ("Taiwan", "republic of china|chinese taipei", "taiwanese"),
    ("Kosovo", "republic of kosovo", "kosovar|kosovan"),
    ("Palestine", "state of palestine|palestinian territories|occupied palestinian territories"
     "|occupied palestinian territory", "palestinian"),
    ("Hong Kong", "hong kong sar|hongkong|hong kong special administrative region",
     "hong konger|hongkonger"),
    ("Vatican City", "vatican|the vatican|holy see|the holy see|vatican city state", ""),
)

COUNTRIES: dict[str, str] = _build(_COUNTRY_ROWS)

# "georgia" (the country) and "washington" (the capital, the city, the government) are left out:
# Georgia is reachable only as "ga.", Washington only as "washington state".
_US_STATE_ROWS: tuple[tuple[str, str, str], ...] = (
    ("Alabama", "ala.", "alabamian|alabaman"),
    ("Alaska", "", "alaskan"),
    ("Arizona", "ariz.|ariz", "arizonan|arizonian"),
    ("Arkansas", "", "arkansan"),
    ("California", "calif.|calif", "californian"),
    ("Colorado", "colo.|colo", "coloradan|coloradoan"),
    ("Connecticut", "conn.", ""),
    ("Delaware", "", "delawarean"),
    ("Florida", "fla.|fla", "floridian"),
    ("Georgia", "ga.", ""),
    ("Hawaii", "hawai'i|hawaiʻi", "hawaiian"),
    ("Idaho", "", "idahoan"),
    ("Illinois", "", "illinoisan"),
    ("Indiana", "", "indianan|indianian"),
    ("Iowa", "", "iowan"),
    ("Kansas", "kan.|kans.", "kansan"),
    ("Kentucky", "ky.", "kentuckian"),
    ("Louisiana", "", "louisianan|louisianian"),
    ("Maine", "", "mainer"),
    ("Maryland", "md.", "marylander"),
    ("Massachusetts", "", ""),
    ("Michigan", "mich.|mich", "michigander|michiganian"),
    ("Minnesota", "minn.|minn", "minnesotan"),
    ("Mississippi", "", "mississippian"),
    ("Missouri", "", "missourian"),
    ("Montana", "mont.", "montanan"),
    ("Nebraska", "neb.|nebr.", "nebraskan"),
    ("Nevada", "nev.", "nevadan|nevadian"),
    ("New Hampshire", "n.h.|nh", "new hampshirite"),
    ("New Jersey", "n.j.|nj", "new jerseyan|new jerseyite"),
    ("New Mexico", "n.m.|n.mex.", "new mexican"),
    ("New York", "n.y.|ny|new york state", "new yorker"),
    ("North Carolina", "n.c.", "north carolinian"),
    ("North Dakota", "n.d.|n.dak.", "north dakotan"),
    ("Ohio", "", "ohioan"),
    ("Oklahoma", "okla.|okla", "oklahoman"),
    ("Oregon", "", "oregonian"),
    ("Pennsylvania", "pa.", "pennsylvanian"),
    ("Rhode Island", "r.i.", "rhode islander"),
    ("South Carolina", "s.c.", "south carolinian"),
    ("South Dakota", "s.d.|s.dak.", "south dakotan"),
    ("Tennessee", "tenn.|tenn", "tennessean|tennesseean"),
    ("Texas", "tex.|tx", "texan"),
    ("Utah", "", "utahn|utahan"),
    ("Vermont", "vt.", "vermonter"),
    ("Virginia", "va.", "virginian"),
    ("Washington", "washington state", ""),
    ("West Virginia", "w.va.|w. va.|w.v.|wv", "west virginian"),
    ("Wisconsin", "wis.|wisc.", "wisconsinite"),
    ("Wyoming", "wyo.|wyo", "wyomingite"),
)

US_STATES: dict[str, str] = _build(_US_STATE_ROWS, skip=frozenset({"georgia", "washington"}))

ORG_SUFFIXES: frozenset[str] = frozenset(
    """inc inc. incorporated corp corp. corporation ltd ltd. limited llc llp lp plc co co. company
    companies group holdings holding partners partnership ag sa s.a. nv n.v. bv b.v. gmbh spa srl
    ab asa oyj pty pte bhd se kg kgaa pjsc jsc sarl sas bank bancorp banking trust fund funds
    capital ventures investments securities insurance assurance airlines airways motors industries
    enterprises systems technologies labs laboratories pharmaceuticals pharma petroleum energy
    telecom communications media broadcasting television radio network news times post journal
    tribune herald gazette press telegraph agency party university college school academy
    institute institution ministry department council commission committee association federation
    union league confederation coalition alliance front movement foundation society authority board
    bureau office service services court tribunal assembly parliament congress senate legislature
    cabinet administration secretariat directorate inspectorate police army navy force forces
    guard guards corps command brigade brigades regiment battalion militia church diocese
    archdiocese hospital clinic museum library organisation organization centre center club fc
    exchange reserve treasury mission consortium cooperative co-op syndicate brotherhood chamber
    caucus cartel watch international observatory duma""".split()
)

# (canonical office, other spellings); the canonical name is always a key.
_TITLE_ROWS: tuple[tuple[str, str], ...] = (
    ("president", ""), ("president-elect", "president elect"),
    ("vice president", "vice-president|vp|v.p."), ("prime minister", "premier minister"),
    ("premier", ""), ("deputy prime minister", "deputy pm|deputy premier"),
    ("vice premier", "vice-premier"), ("chancellor", ""), ("vice-chancellor", "vice chancellor"),
    ("first minister", ""), ("chief minister", ""),
    ("head of state", ""), ("head of government", ""),
    ("king", ""), ("queen", ""), ("queen consort", ""), ("emperor", ""), ("empress", ""),
    ("crown prince", ""), ("crown princess", ""), ("prince", ""), ("princess", ""),
    ("duke", ""), ("duchess", ""), ("grand duke", ""), ("emir", "amir"), ("sultan", ""),
    ("monarch", ""), ("governor-general", "governor general"),
    ("supreme leader", ""), ("leader", ""), ("party leader", ""),
    ("opposition leader", "leader of the opposition"),
    ("general secretary", ""), ("secretary-general", "secretary general"),
    ("party secretary", "party chief|party boss"), ("party chair", "party chairman"),
    ("foreign minister", "minister of foreign affairs|foreign affairs minister|foreign secretary"
     "|minister for foreign affairs"),
    ("defense minister", "defence minister|minister of defense|minister of defence"
     "|minister for defence|defence secretary|defense secretary|secretary of defense"
     "|secretary of defence|war secretary|secretary of war"),
    ("finance minister", "minister of finance|minister for finance|treasury secretary"
     "|secretary of the treasury|chancellor of the exchequer"),
    ("interior minister", "minister of the interior|minister of interior|home secretary"
     "|home minister|home affairs minister|minister of home affairs"),
    ("interior secretary", "secretary of the interior"),
    ("homeland security secretary", "secretary of homeland security"),
    ("justice minister", "minister of justice|justice secretary"),
    ("health minister", "minister of health|health secretary|secretary of health"),
    ("trade minister", "minister of trade|trade secretary"),
    ("commerce minister", "minister of commerce|commerce secretary|secretary of commerce"),
    ("economy minister", "economic minister|economics minister|minister of economy"
     "|minister of the economy"),
    ("energy minister", "minister of energy|energy secretary|secretary of energy"),
    ("oil minister", "petroleum minister|minister of oil|minister of petroleum"),
    ("education minister", "minister of education|education secretary|secretary of education"),
    ("labor minister", "labour minister|minister of labor|minister of labour|labor secretary"
     "|secretary of labor"),
    ("agriculture minister", "minister of agriculture|agriculture secretary"
     "|secretary of agriculture"),
    ("transport minister", "minister of transport|transport secretary|transportation secretary"
     "|secretary of transportation"),
    ("environment minister", "minister of the environment|environment secretary"),
    ("information minister", "minister of information"), ("culture minister", ""),
    ("immigration minister", ""), ("security minister", ""),
    ("minister", "cabinet minister|government minister|minister without portfolio"),
    ("minister of state", ""), ("senior minister", ""), ("deputy minister", "vice minister"),
    ("secretary of state", ""), ("deputy secretary of state", ""),
    ("undersecretary", "under secretary|under-secretary"), ("assistant secretary", ""),
    ("secretary", ""), ("cabinet secretary", ""), ("chief cabinet secretary", ""),
    ("state councillor", "state councilor"),
    ("national security adviser", "national security advisor"),
    ("press secretary", "white house press secretary"), ("chief of staff", ""),
    ("attorney general", "attorney-general"), ("solicitor general", "solicitor-general"),
    ("prosecutor general", "prosecutor-general"), ("chief prosecutor", ""),
    ("prosecutor", "public prosecutor|district attorney"), ("special counsel", ""),
    ("inspector general", "inspector-general"), ("auditor general", "auditor-general"),
    ("surgeon general", "surgeon-general"), ("ombudsman", ""),
    ("chief justice", ""), ("justice", "associate justice"), ("judge", ""), ("chief judge", ""),
    ("speaker", "speaker of the house|house speaker|parliamentary speaker|speaker of parliament"),
    ("deputy speaker", ""),
    ("senate majority leader", ""), ("senate minority leader", ""),
    ("house majority leader", ""), ("house minority leader", ""),
    ("majority leader", ""), ("minority leader", ""), ("whip", "chief whip"),
    ("senator", "sen.|state senator"),
    ("representative", "rep.|congressman|congresswoman|congressperson|member of congress"),
    ("mp", "m.p.|member of parliament"), ("mep", "member of the european parliament"),
    ("lawmaker", "legislator|parliamentarian"), ("deputy", ""),
    ("councillor", "councilor|councilman|councilwoman|council member|councilmember"),
    ("assembly member", "assemblyman|assemblywoman"), ("delegate", ""),
    ("governor", ""), ("lieutenant governor", "lt. governor|lt governor|lieutenant-governor"),
    ("deputy governor", ""),
    ("central bank governor", "central bank chief|central bank head|fed chair|fed chairman"
     "|federal reserve chair|federal reserve chairman"),
    ("mayor", ""), ("deputy mayor", ""),
    ("chief executive", "ceo|c.e.o.|chief executive officer"),
    ("chief financial officer", "cfo"), ("chief operating officer", "coo"),
    ("chief technology officer", "cto"), ("chief economist", ""),
    ("chair", "chairman|chairwoman|chairperson|chairman of the board"),
    ("vice chair", "vice chairman|vice-chairman|vice chairwoman|vice-chair"),
    ("founder", "co-founder|cofounder"), ("managing director", ""),
    ("general manager", ""), ("manager", ""), ("assistant manager", ""),
    ("head coach", "coach"), ("assistant coach", ""), ("captain", ""),
    ("editor-in-chief", "editor in chief"), ("editor", ""),
    ("director", ""), ("deputy director", ""), ("executive director", ""),
    ("director-general", "director general"),
    ("commissioner", ""), ("high commissioner", ""), ("high representative", ""),
    ("police chief", "chief of police|police commissioner"), ("fire chief", ""), ("sheriff", ""),
    ("ambassador", ""), ("envoy", ""), ("special envoy", "special representative"),
    ("consul", "consul general|consul-general"),
    ("spokesperson", "spokesman|spokeswoman|spokespeople|spokesmen|spokeswomen"),
    ("deputy spokesperson", "deputy spokesman|deputy spokeswoman"),
    ("adviser", "advisor|senior adviser|senior advisor"), ("aide", ""),
    ("chief negotiator", ""), ("negotiator", ""),
    ("commander-in-chief", "commander in chief"),
    ("army chief", "army chief of staff|chief of army staff"),
    ("chief of the general staff", "chief of general staff"),
    ("chief of defense staff", "chief of defence staff|chief of the defence staff"
     "|chief of the defense staff"),
    ("chairman of the joint chiefs", "chairman of the joint chiefs of staff|joint chiefs chairman"),
    ("defense chief", "defence chief"), ("military chief", "armed forces chief"),
    ("intelligence chief", "spy chief"),
    ("general", ""), ("lieutenant general", "lt. gen.|lt gen|lieutenant-general"),
    ("major general", "maj. gen.|maj gen|major-general"),
    ("brigadier general", "brig. gen.|brig gen|brigadier-general"), ("brigadier", ""),
    ("field marshal", ""), ("marshal", ""),
    ("admiral", ""), ("vice admiral", ""), ("rear admiral", ""),
    ("colonel", ""), ("lieutenant colonel", "lt. col.|lieutenant-colonel"),
    ("commander", ""), ("lieutenant", ""), ("sergeant", ""), ("corporal", ""),
    ("pope", ""), ("patriarch", ""), ("archbishop", ""), ("archbishop of canterbury", ""),
    ("bishop", ""), ("cardinal", ""), ("grand mufti", ""), ("ayatollah", "grand ayatollah"),
    ("imam", ""), ("rabbi", ""), ("chief rabbi", ""),
)

TITLES: dict[str, str] = {
    form: canonical
    for canonical, others in _TITLE_ROWS
    for form in (canonical, *filter(None, others.split("|")))
}

# Offices that many people hold at once in one scope: two holders are not a contradiction.
MULTI_HOLDER_TITLES: frozenset[str] = frozenset(
    {
        "senator", "representative", "mp", "mep", "lawmaker", "deputy", "councillor",
        "assembly member", "delegate", "whip", "minister", "minister of state", "senior minister",
        "deputy minister", "deputy prime minister", "vice premier", "state councillor",
        "undersecretary", "assistant secretary", "secretary", "deputy secretary of state",
        "deputy speaker", "deputy governor", "deputy mayor", "deputy director",
        "deputy spokesperson", "spokesperson", "adviser", "aide", "negotiator", "ambassador",
        "envoy", "special envoy", "consul", "high commissioner", "director", "commissioner",
        "manager", "assistant manager", "assistant coach", "managing director", "founder",
        "editor", "prosecutor", "justice", "judge", "general", "lieutenant general",
        "major general", "brigadier general", "brigadier", "field marshal", "marshal", "admiral",
        "vice admiral", "rear admiral", "colonel", "lieutenant colonel", "commander", "captain",
        "lieutenant", "sergeant", "corporal", "prince", "princess", "duke", "duchess", "bishop",
        "archbishop", "cardinal", "ayatollah", "imam", "rabbi", "vice chair",
    }
)

# Matched against the lower-cased first word of a name with its trailing period removed.
HONORIFICS: frozenset[str] = frozenset(
    """mr mrs ms miss mx messrs dr doctor prof professor sir dame lord lady madam madame mme mlle
    monsieur herr frau señor senor señora senora hon honourable honorable rt gen general lt lieut
    lieutenant col colonel maj capt captain cpt sgt sergeant cpl corporal adm admiral cmdr cdr
    commander brig brigadier marshal sen senator rep representative congressman congresswoman
    gov governor mayor cllr councillor alderman rev revd reverend fr father pastor bishop
    archbishop cardinal rabbi imam sheikh shaikh sheik mullah ayatollah emir sultan king queen
    prince princess duke duchess earl baron baroness countess president premier chancellor
    minister secretary ambassador chairman chairwoman chair pope judge justice det detective supt
    superintendent pres amb atty""".split()
)

# Lower-case words that may join the capitalised parts of one name ("Ludwig van Beethoven").
# Plain words only: names.py joins them into a regular expression unescaped.
NAME_PARTICLES: frozenset[str] = frozenset(
    """de da das dos di du del della delle dello dei degli der den des van von vom zu zum zur ter
    la le lo les bin bint binti ibn abu al el ul ud ould y e af ap""".split()
)


def country_of(text: str) -> str | None:
    """The canonical country a surface form names ("Vietnamese", "U.S.", "Russia's"), else None.

    Case-insensitive; drops surrounding whitespace and a trailing possessive ("'s", "’s" or a
    bare apostrophe), then tries the form as is, without periods, without a leading "the",
    with hyphens as spaces and without accents.
    """
    key = " ".join(text.replace("\u2019", "'").split()).lower()
    if key.endswith("'s"):
        key = key[:-2].rstrip()
    elif key.endswith("'"):
        key = key[:-1].rstrip()
    if not key:
        return None
    bare = " ".join(key.replace(".", "").split())
    candidates = [key, bare]
    for form in (key, bare):
        if form.startswith("the "):
            candidates.append(form[4:])
    candidates += [c.replace("-", " ") for c in candidates]
    candidates += [_fold(c) for c in candidates]
    for candidate in candidates:
        found = COUNTRIES.get(candidate)
        if found is not None:
            return found
    return None
