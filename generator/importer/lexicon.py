"""Word lists of the extractor, French and English, as regexes over folded text
(lower case, no accents, straight quotes: see fold.py). One place to extend them."""

from __future__ import annotations

import re


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts))


# -- what happened ---------------------------------------------------------------------------
ATTACK_NOUN = _rx(
    r"\battaques?\b",
    r"\bassauts?\b",
    r"\battacks?\b",
    r"\bassaults?\b",
    r"\bbarrages? (?:of|de) (?:\w+ )?(?:rockets?|missiles?|drones?|roquettes?|"
    r"mortiers?|mortars?)\b",
    r"\btirs? de (?:roquettes?|drones?|missiles?|mortiers?|obus)\b",
    r"\brocket (?:fire|attacks?)\b",
    # "trois soldats tués dans l'explosion d'un drone sur une base": a drone that hit
    r"\bexplosions? d'une? (?:drone|roquette|missile)s?\b",
    r"\bdrone attacks?\b",
    # "the first use of a short-range ballistic missile against Al-Asad": a weapon used on
    r"\b(?:use|utilisation|usage) (?:of|d'une?|de) (?:[\w-]+ ){0,3}?(?:missiles?|drones?"
    r"|rockets?|roquettes?)\b(?= (?:against|contre|on|sur)\b)",
)
ANAPHORIC_ATTACK = _rx(
    r"\b(?:l'|la |cette |cet |the |this |that |ce |le )(?:derniere |latest |"
    r"last |premiere |seconde |deuxieme |first |second |meme )?(?:attaque|"
    r"tentative|incident|attack|attempt|assault)\b"
)
ATTACK_VERB = _rx(
    r"\battaquee?s?\b",
    r"\battaquer\b",
    r"\bvisee?s?\b",
    r"\bvisant\b",
    r"\bciblee?s?\b",
    r"\bciblant\b",
    r"\bprise?s? pour cibles?\b",
    r"\bla cible d",
    r"\bont touche\b",
    r"\ba touche\b",
    r"\b(?:ont|a|avait|avaient) frappe\b",  # as "struck": the target says attack or strike
    # "for the Iraqi militia killing three US servicemen in a Jordan outpost": the attack
    r"\bkilling (?:of )?(?:two|three|four|five|\d+) (?=(?:us|u\.s\.|american) (?:servicemen"
    r"|soldiers|troops|service members|personnel)\b)",
    # "al-Tanf a été survolé puis frappé par trois drones": hit by the attackers' weapons
    r"\bfrappee?s? par (?:des |deux |trois |quatre |cinq |plusieurs |\d+ )?(?:drones?|roquettes?"
    r"|missiles?|obus)\b",
    r"\btouchee?s?\b",
    r"\btiree?s? (?:sur|contre|vers|en direction)\b",
    r"\blancee?s? (?:contre|sur|vers)\b",
    r"\btombee?s? (?:a l'interieur|sur|dans|pres|a proximite)",
    r"\bs'est ecrase",
    r"\bse sont ecrase",
    r"\battacked\b",
    r"\btargeted\b",
    r"\btargeting\b",
    r"\bhit\b",
    r"\bstruck\b",
    r"\bfired (?:at|on|toward|towards|into)\b",
    r"\blaunched (?:at|against|toward|towards|on)\b",
    r"\blanded (?:inside|near|on|in)\b",
    r"\bcrashed (?:into|inside|near|on)\b",
    r"\b(?:slammed|smashed|plowed|ploughed) into\b",
    r"\bcame under\b",
    r"\bunder (?:attack|fire)\b",
    r"\bwas attacked\b",
    r"\bwere attacked\b",
    r"\bfired\b[^.;]{0,60}?\b(?:at|on|toward|towards|into)\b",
    r"\blaunched\b[^.;]{0,60}?\b(?:at|against|toward|towards)\b",
    r"\btiree?s?\b[^.;]{0,60}?\b(?:sur|contre|vers)\b",
    r"\blancee?s?\b[^.;]{0,60}?\b(?:contre|sur|vers)\b",
    # "six missiles auraient été largués sur une base", "explosions inside the base"
    r"\blarguee?s? (?:sur|contre)\b",
    r"\bexplosions? (?:a l'interieur (?:de |du |d')|inside |dans |sur |at |on )"
    r"(?:la |the |une |a |l')?(?:[\w-]+ )?(?:base|garnison|garrison)\b",
)
DEFENCE = _rx(
    r"\babattue?s?\b",
    r"\babattre\b",
    r"\binterceptee?s?\b",
    r"\bintercepter\b",
    r"\bdejouee?s?\b",
    r"\bs'est defendue?\b",
    r"\bse defendre\b",
    r"\bouvert le feu sur\b",
    r"\bdetruit\b",
    r"\bdetruisant\b",
    r"\bshot down\b",
    r"\bshooting down\b",
    r"\bintercepted\b",
    r"\bdowned\b",
    r"\bfoiled\b",
    r"\bthwarted\b",
    r"\bdefended against\b",
    r"\bengaged\b",
    r"\bdestroyed\b",
    r"\bneutrali[sz]ed\b",
)
STRIKE_NOUN = _rx(
    r"\bfrappes?\b",
    r"\braids?\b",
    r"\bbombardements?\b",
    r"\bripostes?\b",
    r"\bstrikes?\b",
    r"\bairstrikes?\b",
    r"\bair raids?\b",
    r"\bbombings?\b",
)
STRIKE_VERB = _rx(
    r"\bfrappee?s?\b",
    r"\bfrapper\b",
    r"\bbombardee?s?\b",
    r"\bbombarder\b",
    r"\bfrappant\b",  # "les États-Unis ont mené des représailles, frappant 85 cibles"
    r"\bbombardant\b",
    r"\bstruck\b",
    r"\bbombed\b",
    r"\bhit\b",
    # "Two US Air Force F-16 jets overnight Friday attacked a weapons storage facility"
    r"(?:(?<=\bjets )|(?<=aircraft )|(?<=planes ))(?:[\w-]+ ){0,2}?attacked\b",
    r"\bvisee?s?\b",
    r"\bciblee?s?\b",
    r"\btargeted\b",
    r"\briposte\b",
    r"\bretaliated\b",
    r"\bcarried out\b",
    r"\bconducted\b",
)
ANAPHORIC_STRIKE = _rx(
    r"\b(?:la |les |cette |ces |the |this |these |that |le |ce )(?:meme |same )?"
    r"(?:[\w-]+ ){0,2}(?:frappes?|raids?|bombardements?|strikes?|airstrikes?"
    r"|bombing)\b"
)
MILITIA_STRIKE = re.compile(
    r"\b(?:frappes?|strikes?) (?:de |au |par |by )?(?:drones?|roquettes?|"
    r"rockets?|missiles?)\b|\bdrone strikes?\b"
)
US_STRIKE = re.compile(
    r"\b(?:frappes?|raids?|bombardements?|ripostes?|reponse)(?: [\w'\"-]+){0,2}? (?:americaine?s?|"
    r"de la coalition|des etats- ?unis|de washington|us|u\.s\.)\b"
    r"|\b(?:us|u\.s\.|american|coalition|centcom|pentagon|retaliatory)(?: \w+)? (?:air ?strikes?|"
    r"strikes?|raids?|bombing|retaliation)\b"
    # "les attaques de représailles": the US answer, whatever noun the report gives it
    r"|\b(?:frappes?|attaques?|raids?|bombardements?) de (?:represailles|riposte)\b"
    r"|\bretaliatory (?:attacks?|raids?)\b"
    r"|\b(?:americaine?s?|us|u\.s\.) (?:a|ont|avait|avaient|has|have|had) (?:\w+ )?"
    r"(?:frappe|bombarde|struck|bombed|hit)\b"
    r"|\b(?:frappes?|raids?|bombardements?|strikes?|airstrikes?|raids?)(?: \w+)? (?:menee?s? |"
    r"effectuee?s? |conduite?s? |carried out |conducted |launched )?(?:par|by) (?:les |la |the )?"
    r"(?:forces |armee )?(?:americaines?|us|u\.s\.|american|coalition|etats- ?unis|washington"
    r"|united states)"
)

# -- who: US and coalition forces -------------------------------------------------------------
US = re.compile(
    r"\bamericaine?s?\b|\betats- ?unis\b|\bwashington\b|\bcentcom\b|\bpentagone\b|\bpentagon\b"
    r"|(?<!\ba )(?<!\bune )\bcoalition\b(?! of\b| d'| de (?:groupes|factions|milices|partis))"
    r"|\bu\.s\.|\bus (?=forces|troops|military|personnel|service|soldiers|base|"
    r"officials?|defense|central|army|navy|air|marines|embassy|strikes?|airstrikes?|aircraft|"
    r"drone|government|administration|president|warplanes?|jets?|fighter|planes?|bombers?"
    r"|helicopters?|gunships?)|\bunited states\b|\bcentral command\b"
    r"|\btroupes etrangeres\b|\bforeign troops\b|\bforces etrangeres\b|\bforeign forces\b"
    r"|\bamericans?\b|\boperation inherent resolve\b"
)
TARGET_BEFORE = re.compile(
    r"(?:\bcontre|\bsur|\bvisant|\bvisee?s?|\bcible|\bciblant|\bciblee?s?|\battaquee?s?"
    r"|\btouchee?s?|\babritant|\bproximite d\w*|\bstationnee?s?|\bdeployee?s?|\bagainst|\bon"
    r"|\bat|\btargeting|\btargeted|\battacked|\btoward|\btowards|\bhousing|\bhosting|\bnear"
    r"|\bhit|\bstruck|\bconvoi\w*|\bconvoy)\b[^.;:,]{0,45}$"
)
US_PASSIVE = re.compile(
    r"^(?:[^.;]|(?<=\b\w)\.){0,120}?\b(?:ont ete|a ete|avaient ete|avait ete|were|was|have been"
    r"|had been|has been|came|comes|come)\b[^.;]{0,20}?\b(?:visee?s?|attaquee?s?|ciblee?s?"
    r"|touchee?s?|blessee?s?|tuee?s?|la cible"
    r"|prise?s? pour cible|attacked|targeted|hit|struck|injured|wounded|killed"
    # "came under a missile attack", "came under rocket fire"
    r"|under (?:an? )?(?:[\w-]+ ){0,2}?(?:attack|fire))\b"
    # "trois militaires américains ont trouvé la mort dans une attaque"
    r"|^(?:[^.;]|(?<=\b\w)\.){0,80}?\b(?:ont|a|avaient|avait) (?:trouve la mort|perdu la vie)\b"
    r"|^(?:[^.;]|(?<=\b\w)\.){0,80}?\b(?:died|lost their lives)\b"
    # "Eight U.S. troops are being treated for traumatic brain injuries after a drone attack"
    r"|^(?:[^.;]|(?<=\b\w)\.){0,60}?\b(?:suffered|sustained|are being treated|were treated"
    r"|were being treated|ont souffert|ont ete soignes|sont soignes)\b[^.;]{0,40}?"
    r"\b(?:injur\w*|wounds?|blessures?|traumatic|commotions?)"
)
BASE_WORD = re.compile(
    r"\bbases?\b|\bcamps?\b|\bgarnison\b|\bgarrison\b|\bembassy\b"
    r"|\bambassade\b|\bconvoi\b|\bconvoy\b|\baeroport\b|\bairport\b"
)

# -- is it one event? ------------------------------------------------------------------------
COUNTED = re.compile(
    r"(?:\b(?:ces|ses|leurs|nos|telles|de telles|d'autres|plusieurs|nombreuses|nombreux|"
    r"frequents|frequentes|toutes? les|toute|chaque|aucune|aucun|des dizaines"
    r" d'|dizaines d'|la plupart des|une serie d'|series? of|these|those|such|dozens of|several|"
    r"many|numerous|frequent|most of the|all|any|every|no|multiple|repeated|rounds of)"
    r"|\b(?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|two|three|four|five|six|seven|"
    r"eight|nine|ten)(?: autres| other)?)"
    r"\s+(?:[\w']+\s+){0,2}$"
    r"|\b(?:a string of|a series of|a wave of|a spate of|a barrage of|une vague d'|une serie d'"
    r"|une succession d'|une multiplication d')\s*(?:[\w'-]+\s+){0,4}$"
    # "more than a dozen small-scale strikes", "une douzaine d'attaques"
    r"|\b(?:a|une) (?:dozen|douzaine|dizaine|vingtaine|trentaine)(?: of| d'|\s+de)?\s*"
    r"(?:[\w'-]+\s+){0,2}$"
)
REPEATED = re.compile(
    # "pour la deuxième fois" is one event, counted among others
    r"\b(?!(?:premiere|deuxieme|seconde|troisieme|derniere|quatrieme|cinquieme)\b)"
    r"(?:\d+|\w+) (?:fois|reprises|occasions)\b|\bplus de \d+ fois\b|\b\d+ times\b"
    r"|\b(?:twice|three times|several times|many times|multiple times|numerous times"
    r"|de nombreuses fois|a reprises)\b|\ba (?:trois|deux"
    r"|plusieurs|maintes) reprises\b|\ben (?:\d+|deux|trois|quatre|cinq|six|"
    r"sept) (?:jours|semaines|mois)\b|\bin (?:\d+|two|three|four|five) "
    r"(?:days|weeks|months)\b|\bau total\b|\bin total\b|\bregulierement\b"
    r"|\bsouvent\b|\bfrequemment\b|\bregularly\b|\brepeatedly\b|\boften\b"
    r"|\bfrequently\b|\bgeneralement\b|\busually\b|\btypically\b"
)
# background: attacks resumed, a campaign begun, earlier attacks in general (a sentence
# saying only this, with no date of its own, tells no incident)
BACKGROUND = re.compile(
    r"\bont repris\b|\breprennent\b|\bresumed\b|\bprevious (?:attacks|strikes)\b"
    r"|\b(?:attaques|frappes) precedentes\b|\bbombing operations\b"
    r"|\boperations (?:on|against|contre)\b|\bseries of (?:attacks|strikes)\b"
    r"|\bserie d'(?:attaques|frappes)\b|\bavaient repris\b|\bhave resumed\b"
)
NEGATION = re.compile(
    r"\bn'(?:ont|a|avaient|avait|est|sont|etaient|etait|aient|ait)\s+(?:pas|"
    r"jamais|plus)\b|\bne (?:sont|sera|seront|fut)\s+(?:pas|jamais)\b|\bnot\b"
    r"|\bnever\b|\bn't\b|\bno (?:attacks?|strikes?)\b|\baucune (?:attaque|frappe)"
    r"|\bsans (?:attaque|frappe)"
)
HYPOTHETICAL = re.compile(
    r"\b(?:menac\w*|craint\w*|crainte|risque|pourrai\w*|threat\w*|fear\w*"
    r"|could|would|might|vow\w*|promis|jure|warn\w*|s'en prendre|projet"
    r"|planned|plan to|envisag\w*|s'appretaient|about to|essayaient|"
    r"trying to|tried to|tenter de|pret a|ready to|preparations? for|"
    r"preparatifs|preparing|planning|plotting|imminent|prevent|empecher"
    r"|en prevision|eviter|if|si|should|unless|a moins que"
    # "a US airstrike thwarted a potential rocket attack on the base": it never came
    r"|thwarted|foiled|averted|dejoue\w*|potential|eventuelle?)\b[^.]{0,50}$"
)
SPEECH = re.compile(
    r"\b(?:indique|declare|confirme|annonce|precise|rapporte|poursuivi|ajoute"
    r"|affirme|explique|assure|selon|said|says|told|confirmed|announced|stated"
    r"|according to|statement|communique|reported|added|souligne|stressed|noted)\b"
)

# -- how sure --------------------------------------------------------------------------------
US_SPEAKER = re.compile(
    r"\bresponsables? (?:militaires? )?americains?\b|\bun (?:militaire|officier) americain\b"
    r"|\bresponsables? (?:de la |du departement "
    r"americain de la |du )?defense americaine?\b|\bresponsable du departement americain\b"
    r"|\bautorites (?:militaires )?americaines\b|\bporte-parole (?:du pentagone|de la defense"
    r"|de l'armee americaine|du departement|militaire americain)\b|\bpentagone\b|\bcentcom\b"
    r"|\bcommandement militaire americain\b|\barmee americaine\b|\bwashington\b"
    r"|\b(?:us|u\.s\.|american|pentagon|defense|defence|military|coalition) (?:officials?|"
    r"spokes(?:man|woman|person)|statement)\b|\bpentagon\b|\bcentral command\b"
    # "the US military's Al-Malikiyah base" is where, no speaker
    r"|\b(?:the )?(?:us|u\.s\.) military\b"
    r"(?!(?:(?:'s|’s)(?: [\w-]+){0,2})? (?:bases?|installations?|facilit\w+|outposts?"
    r"|personnel|forces|troops|positions?|presence|convoys?|sites?|compounds?|aircraft))"
    r"|\bresponsables? de la coalition\b"
    r"|\bcoalition (?:internationale |antijihadiste )?a (?:indique|confirme|annonce)"
    r"|\bdepartment of defense\b|\bdefense department\b|\buscentcom\b"
    r"|\bministere americain de la defense\b|\bministere de la defense americaine?\b"
    r"|\bresponsables? (?:americains? )?de la defense\b"
    r"|\b(?:us|u\.s\.|american) and \w+ officials\b|\bpresident americain\b"
    r"|\bdefen[cs]e secretary\b|\bsecretary of defen[cs]e\b|\bsecretaire (?:americain )?a la"
    r" defense\b"
)
# A sentence that tells a ceremony for the dead ("La cérémonie de transfert des restes de trois
# soldats tués dans l'attaque ... le 2 février"): its day is the ceremony's, not the attack's
CEREMONY = re.compile(
    r"^\W*(?:(?:la|les|une|des|the|a|at the|lors de la|during the)\s+)?"
    r"(?:(?:dignified|solemn)\s+)?"
    r"(?:ceremonie|funerailles|obseques|hommage|veillee|ceremony|funeral|memorial|vigil"
    r"|transfer(?= of (?:the )?remains)|(?<=dignified )transfer|(?<=solemn )transfer"
    r"|transfert des (?:restes|corps|depouilles))\b"
    # "Le président américain Joe Biden assiste au transfert des dépouilles ...": who attends it
    r"|^\W*(?:[\w'-]+\s+){1,6}?(?:assiste|a assiste|assistait|assistent|attends|attended"
    r"|attend|attending)\s+(?:a la |au |aux |a l'|a |the )?(?:(?:dignified|solemn)\s+)?"
    r"(?:ceremonie|funerailles|obseques|hommage|veillee|ceremony|funeral|memorial|vigil"
    r"|transfer|transfert)\b"
)


DENIAL = re.compile(
    r"(?:ne pas etre en mesure de (?:le |la )?confirmer|n'?(?:a|ont|avons) pas (?:pu )?confirm"
    r"|aucune connaissance|aucun rapport|pas au courant|\bdementi\w*|\bnie\b|\bnient\b"
    r"|could not (?:immediately |independently )?confirm|cannot confirm|can't confirm"
    r"|unable to (?:immediately |independently )?confirm|not aware|no reports? of|\bdenied\b"
    r"|\bdenies\b|no indication|impossible de confirmer|n'a pas ete confirme)"
    r"(?![^.;]{0,25}\b(?:involvement|role|responsibility|links?|implication|responsabilite|lien"
    r"|participation|bilan|toll|casualt\w*|pertes|victimes|deaths?|morts|accusations?"
    r"|allegations?|charges?|soutien|support|backing))"
    # "no indication that the strikes harmed any civilians": a toll doubted, not the event
    r"(?![^.;]{0,60}\b(?:civil\w*|harm\w*|injur\w*|wounded|blesse\w*))"
)
CLAIM = re.compile(
    r"\brevendiqu\w*|\bclaim(?:ed|s|ing)?\b|\bassum\w+ la responsabilite"
    r"|\bresponsibility\b|\bsaid (?:it|they) (?:had )?(?:carried out|launched|"
    r"targeted|attacked)|\baffirme avoir\b|\bannonce avoir (?:vise|cible|attaque)"
    r"|\bselon ces (?:groupes|factions|milices)\b"
    r"|\b(?:a|ont) dit avoir (?:lance|mene|vise|cible|attaque)|\bdeclare avoir\b"
    r"|\b(?:etait|est|etaient|sont) a l'origine d"
    # "a déclaré être à l'origine de l'attaque": the group says so itself
    r"|\b(?:declare|affirme|dit|assure|annonce) etre a l'origine d"
    # "a affirmé que ses combattants avaient attaqué": the group tells its own attack
    r"|\bses combattants (?:avaient|ont|auraient) (?:attaque|vise|cible|tire)"
    r"|\bits fighters (?:had )?(?:attacked|targeted|fired)"
    r"|\b(?:took|takes|claimed|claims|taking) credit\b"
    # "announced that it had targeted", "a statement announcing that resistance fighters
    # attacked", "according to the group's statement": the group tells its own attack
    r"|\b(?:announced|announcing|said|saying|stated|stating)(?: [\w-]+){0,3}? (?:that )?"
    r"(?:it|they) (?:had )?"
    r"(?:targeted|attacked|struck|hit|carried out|launched)\b"
    r"|\b(?:announced|announcing|saying|stating|said|stated) that (?:its |the |their )?"
    r"(?:[\w-]+ )?(?:fighters|mujahideen|members) (?:had )?"
    r"(?:attacked|targeted|struck|hit|conducted|carried out|launched)\b"
    r"|\b(?:according to|per) (?:the|a) (?:group|militia|faction)'?s? statement\b"
    r"|\bselon (?:le|un) communique (?:du groupe|de la milice|de la faction)\b"
    r"|\b(?:said|announced|stated) in (?:a|an|its|their|two|three|\w+) (?:[\w-]+ )?"
    r"statements? that (?:the|its|these|both) (?:attacks?|operations?)\b"
    r"|\bdans (?:un|deux|trois|ses|son) communiques? (?:[\w-]+ )?que (?:l'attaque"
    r"|les attaques|ces attaques|les operations)\b"
    r"|\b(?:annonce|affirme|declare)(?: [\w-]+){0,2}? (?:qu'il|qu'elle|qu'ils|qu'elles) "
    r"(?:avait|avaient|a|ont) "
    r"(?:vise|cible|attaque|frappe)\b"
    # "un communiqué indiquant que le groupe avait attaqué dimanche une base": its own attack
    r"|\b(?:indiquant|affirmant|annoncant|precisant|assurant) (?:que |qu')(?:le groupe|la milice"
    r"|la faction|ses combattants|ses membres|il|elle|ils|elles) (?:avait|avaient|a|ont) "
    r"(?:attaque|vise|cible|frappe|lance|mene)\b"
)
ATTRIBUTION = re.compile(
    r"\bimput\w+|\battribu\w+|\baccus\w+|\bblam\w+|\bsoupconn\w+"
    r"|\b(?:was|were|is|are|etait|etaient|est|sont) (?:\w+ )?responsib?le"
    r"|\bheld responsible\b|\btenue?s? pour responsables?\b"
)
DEMONSTRATIVE_ACTOR = re.compile(
    r"\b(?:ces|ce|cette|le|la|les|these|the|this|that) (?:factions?|"
    r"groupes?|milices?|mouvements?|groups?|militias?|organisations?|organizations?"
    # "The Resistance also announced": the Islamic Resistance just named, short
    r"|resistance(?! (?:islamique|islamic|in|en|of|de|du|irakienne|iraqi)\b))"
    r"\b(?! (?:pro|arme|armes|irak|chiite))"
    # "le groupe armé a affirmé": the group just named, as subject
    r"|\b(?:le|la|les|the) (?:groupes?|milices?|factions?) armee?s? (?=(?:a|ont|avait|avaient)\b)"
)

# "strikes ... on three facilities", "en bombardant sept positions": one operation on sites
# it counts
TARGETS_COUNTED = re.compile(
    r"\b(?:on|against|at|hit|hitting|struck|striking|targeting|targeted|sur|contre|visant"
    r"|bombardant|frappant|ciblant)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten"
    r"|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+(?:[\w-]+\s+)?(?:facilities|sites"
    r"|targets|locations|positions|installations|cibles|objectifs|depots|entrepots)\b"
)
# "after the US launched air strikes on 85 targets": after "the", "us" is never the pronoun
THE_US = re.compile(r"\bthe us\b")
# "they also targeted", "ont également visé": the group's statement goes on
ALSO_DID = re.compile(
    r"\b(?:also|aussi|egalement|later|ensuite)\s+(?:[\w-]+\s+)?(?:targeted|attacked|struck"
    r"|hit|fired at|launched|vise|cible|attaque|frappe|tire)\b"
)
# "the attacks", "les deux attaques", never "most of the attacks": the ones just told
THE_ATTACKS_JUST_TOLD = re.compile(
    r"(?<!most of )(?<!many of )(?<!some of )(?<!la plupart des )(?<!plusieurs des )"
    r"\b(?:the|these|both|les|ces) (?:two |deux )?(?:attacks|attaques|operations)\b"
)

# -- with what -------------------------------------------------------------------------------
WEAPONS: list[tuple[str, re.Pattern[str]]] = [
    ("ballistic-missile", re.compile(r"\bmissiles? balistiques?\b|\bballistic missiles?\b")),
    (
        "cruise-missile",
        re.compile(
            r"\bmissiles? de croisiere\b|\bcruise missiles?\b"
            r"|\btomahawks?\b"
        ),
    ),
    (
        "drone",
        re.compile(
            r"\bdrones?\b|\buavs?\b|\bunmanned aerial\b|\baeronefs? sans pilote\b"
            r"|\bshahed\b|\bkamikaze\b"
        ),
    ),
    (
        "rocket",
        re.compile(
            r"\broquettes?\b|\brockets?\b|\bfusees?\b|\bkatyushas?\b"
            r"|\bkatioucha\b"
        ),
    ),
    ("mortar", re.compile(r"\bmortiers?\b|\bmortars?\b|\bobus de mortier\b")),
    (
        "ied",
        re.compile(
            r"\bengins? explosifs? improvises?\b|\bieds?\b|\bbombes? artisanales?\b"
            r"|\broadside bombs?\b|\bimprovised explosive\b|\bexplosive device\b"
            r"|\bengin explosif\b"
        ),
    ),
    (
        "small-arms",
        re.compile(
            r"\barmes? legeres?\b|\bsmall[- ]arms\b|\bgunfire\b"
            r"|\bcoups de feu\b|\bfusillade\b|\btirs? d'armes\b"
            r"|\bmitrailleuses?\b|\bmachine[- ]guns?\b"
        ),
    ),
    (
        "gunship",
        re.compile(
            r"\bac-130\w*|\bgunships?\b|\bhelicopteres? (?:de combat|d'attaque)"
            r"|\battack helicopters?\b|\bapache\b|\bavion d'appui"
        ),
    ),
    (
        "airstrike",
        re.compile(
            r"\bfrappes? aeriennes?\b|\braids? aeriens?\b|\bair ?strikes?\b"
            r"|\bair raids?\b|\bavions? (?:de combat|de chasse)\b"
            r"|\bfighter jets?\b|\bwarplanes?\b|\bf-1[56]\w*|\bf-35\w*|\ba-10\w*"
            r"|\bb-1b?\b|\bb-52\w*|\bbombardiers?\b|\bbombers?\b"
            r"|\bfrappes? de precision\b|\bprecision strikes?\b"
            r"|\bbombardements? aeriens?\b"
        ),
    ),
]
STRIKE_WEAPONS = {"airstrike", "gunship", "cruise-missile"}
US_DRONE_STRIKE = re.compile(
    r"\bfrappes? (?:de |d'un |par )?drones? (?:americaine?s?|us)\b"
    r"|\b(?:us|u\.s\.|american) drone strikes?\b|\bdrone americain"
)
# in a strike's own sentences, a drone that strikes is the strike's weapon (unless what it
# hits is US forces: then it is the attack the strike answers)
DRONE_STRIKE = re.compile(
    # 'une frappe "de drone"': a quotation mark does not part the words
    r"\bdrone strikes?\b|\bfrappes? [\"«“]?\s*(?:de |d'un |par (?:un )?)drones?\b"
    r"|\b(?:a|the|un|le) drone (?:a |had |has )?(?:fired|targeted|struck|hit|tire|vise"
    r"|frappe|cible)\b"
)
TARGET_WEAPON = re.compile(
    r"(?:qui s'appretaient a|qui essayaient de|qui tentaient de"
    r"|s'appretant a"
    r"|about to|trying to|preparing to|sites? de lancement|launch sites?"
    r"|entrepots?|depots?|storage|stockage)[^.;]{0,40}$"
)

# -- context that is not ours ----------------------------------------------------------------
FOREIGN = re.compile(
    r"\bgaza\b|\bisrael\w*|\bpalestinien\w*|\bpalestinian\w*|\bhamas\b"
    r"|\bliban\w*|\blebanon\b|\blebanese\b|\byemen\w*|\bhouthis?\b|\bhezbollah "
    r"libanais|\bmer rouge\b|\bred sea\b|\bcisjordanie\b|\bwest bank\b"
)

# -- when: words that move an event away from the sentence's date --------------------------
RELATIVE_TIME = re.compile(
    r"\b(?:jours?|semaines?|mois|heures?|days?|weeks?|months?|hours?) "
    r"(?:apres|avant|plus tot|plus tard|after|before|earlier|later)\b"
    r"|\bapres que\b|\bavant que\b|\bau lendemain\b|\bla veille\b"
    r"|\bplus tot\b|\bearlier\b|\bprecedemment\b|\bpreviously\b"
    r"|\bauparavant\b|\bdepuis\b|\bsince\b|\blast (?:week|month)\b"
)
# "dans l'ouest de l'Irak, notamment dans le secteur d'Al-Qaïm": the words before a place
# that make it one of several, the sentence leaving the others unnamed
ONE_OF_SEVERAL = re.compile(
    r"\b(?:notamment|including|en particulier|particularly|especially|among them|parmi eux)"
    r"\s+(?:[\w']+\s+){0,5}[\w'-]*$"
)
# "the operation killed ...": a word for either kind, meaning the event just told
ANAPHORIC_OPERATION = re.compile(
    r"\b(?:the|this|that|l'|cette|cet) (?:operations?|operation militaire|military operation)\b"
)
ORDINAL_START = re.compile(
    r"^\W*(?:la |le |l')(?:premiere|premier|seconde|second|deuxieme"
    r"|troisieme|derniere|dernier|autre)\b|^\W*the (?:first|second|third"
    r"|latter|other|last)\b"
)
# "85 cibles", "des cibles": the noun "targets", which folds like the participle "ciblés"
TARGETS_NOUN = re.compile(
    r"\b(?:\d+|plus de \d+|des|les|de|ces|aux|d'autres|autres|nombreuses) cibles\b"
)
MASK = re.compile(
    r"\bdrones? d'attaque\b|\battack drones?\b|\bhelicopteres? d'attaque\b"
    r"|\battack helicopters?\b|\bavions? d'attaque\b|\battack (?:aircraft|planes?)"
    r"\b|\bsites? d'attaque\b"
)
DATELINE = re.compile(
    r"^\s*(?:\([^)]{2,40}\)|[A-Z][A-Z .'/-]{2,40}(?:,[^-–—(]{0,30})?"
    r"(?:\([^()]{2,30}\))?\s*[-–—]|(?:[A-Z]|\d{1,2} )[\w .'-]{2,30} \((?:AFP|Reuters"
    r"|AP)\)\s*[-–—]?"
    # "BEIRUT, November 9. /TASS/.": a wire's dateline, its agency between slashes
    r"|[A-Z][A-Z .'-]{2,40},\s*[\w .]{3,25}?\.?\s*/[A-Z][\w-]{1,15}/\.?"
    # "Washington, Feb 8 (IANS)", "Agence Xinhua, Pékin, 10 août (Xinhua)": place, date, wire
    r"|[A-Z][\w .'-]{2,40}(?:,[^,()\n]{2,30})?,[^,()\n\d]{0,20}\d[^,()\n]{0,12}\s*\("
    r"(?:AFP|Reuters|AP|IANS|Xinhua|ANI|PTI"
    r"|UPI|dpa|KUNA|TASS|IRNA|Anadolu|SPA|WAM|APS|MAP)\)\s*[-–—:]?"
    # "Washington [US], February 4:": place, its country in brackets, the day it was filed
    r"|[A-Z][\w .'-]{2,30} \[[\w .]{2,20}\],\s*[A-Z][a-z]+\.? \d{1,2}\s*[:–—-]"
    # "DAMASCUS, Feb 3 :": a wire's place in capitals, the day it was filed, a colon
    r"|[A-Z][A-Z .'-]{2,40},\s*[A-Z][a-z]{2,8}\.? \d{1,2}\s*:)\s*"
)
SAME_DAY = re.compile(
    r"\ble meme jour\b|\bce meme jour\b|\bthe same day\b|\blater that day\b"
    r"|\bplus tard dans la journee\b|\bplus tot dans la journee\b"
    r"|\bearlier (?:that|in the) day\b"
)
SAME_PLACE = re.compile(
    r"\bla meme base\b|\bthe same base\b|\bcette (?:meme )?base\b"
    r"|\bthis base\b"
)
# "a drone attack targeting the base": the base named just before, when it is near
THE_BASE = re.compile(
    r"(?:\b(?:targeting|targeted|hit|struck|at|on|against|contre|visant|vise|cible|sur) "
    r"(?:the|la) base\b(?! (?:of|at|in|near|d'|de|du|en|a)\b)(?! (?:aerienne|militaire|air)\b)"
    # "On November 9 and 11, the base was also attacked": the base as the subject hit
    r"|(?:^|[,;]\s)(?:the|la) base (?:was|has been|had been|a ete|avait ete)\b"
    # "Ce camp, où seraient basés 350 soldats, ...": the base just named, as the subject
    r"|^(?:ce camp|cette base|this base|this camp)\b)"
)


# a strike told as the answer to the attack just reported, its agent left unsaid
RETALIATION = re.compile(
    r"\bretaliat\w*|\ben (?:represailles|riposte)\b|\ba riposte\b|\bont riposte\b"
    r"|\bin response\b|\ben reponse\b"
)
# "destroyed by an airstrike", "tués dans une frappe aérienne": a strike with no agent named
UNNAMED_STRIKE = re.compile(
    r"\b(?:by|in) an? (?:air ?strike|air raid|drone strike)\b"
    r"|\b(?:par|dans) une? (?:frappe (?:aerienne|de drone)|raid aerien|bombardement aerien)\b"
)
# a sentence that dates what was just told ("The incident happened on Monday evening")
HAPPENED = re.compile(
    r"\b(?:happened|occurred|took place|came) (?:on|late|early|in the)\b|\ba eu lieu\b"
    r"|\bs'est produite?\b|\best survenue?\b|\bremonte a\b"
)
# an attack named as the reason for a strike or a charge against someone ("a leader it blames
# for attacks against U.S. forces", "en réponse aux attaques contre le personnel américain",
# "accusent d'avoir attaqué leurs troupes"): background, not an attack this sentence reports
ATTACK_AS_REASON = re.compile(
    # "involved according to Washington in attacks": a source may stand between the words
    r"(?:\bblames? (?:\w+ )?for|\bblamed (?:\w+ )?for|\bresponsible for"
    r"|\binvolved,?(?: [\w'-]+){0,4}?,? in"
    r"|\bin (?:response|retaliation) (?:to|for)|\bresponse to|\ba series of"
    r"|\ben (?:reponse|riposte|represailles) (?:a|aux|au|a la)|\breponse (?:a|aux)"
    r"|\bretaliation (?:against|for)|\brepresailles (?:contre|apres)"
    r"|\baccus\w* d'(?:avoir|etre)|\baccus\w* de|\bresponsables? d(?:e|es|'avoir)"
    r"|\bimplique\w*,?(?: [\w'-]+){0,4}?,? dans|\bmultiplication des|\brecrudescence des"
    r"|\bderriere|\bbehind"
    r"|\bsince|\bdepuis|\bfollowing (?:numerous|repeated|several)|\bnumerous)"
    r"(?:\s+[\w'-]+){0,4}\s*$"
)
# an air raid named in a sentence with no US or coalition target: what "hit the base" there is
# the strike's ordnance on the militia's base, not an attack on US forces
AIR_RAID = re.compile(
    r"\braids? aeriens?\b|\bfrappes? aeriennes?\b|\bair ?strikes?\b|\bair raids?\b"
    r"|\bdrone strikes?\b|\bfrappes? de drones?\b"
)
# the one who strikes named before the verb ("Des avions américains ont pris pour cible un
# camp de milices"): a US strike, not an attack on US forces
MILITIA_TARGET = re.compile(
    r"\bmilic\w*|\bmilitia\w*|\bgardiens de la revolution\b|\brevolutionary guard\b|\birgc\b"
    r"|\bcgri\b|\bhachd\b|\bhashed\b|\bhashd\b|\bpmf\b|\bnujaba\b|\bkataib\b|\bkataeb\b"
    r"|\bcombattants\b|\bfighters\b|\bmilitants\b"
)
# the agent after a passive strike ("Des frappes ont été lancées par les États-Unis")
US_BY = re.compile(
    r"^[^.;]{0,45}?\b(?:par|by)\s+(?:les |the |l'|des |us |u\.s\. )?(?:etats- ?unis|u\.s\.|united"
    r" states|armee americaine|forces americaines|american|us forces|us military|washington"
    r"|pentagon\w*|centcom)"
)
# an event recalled by how long ago it was, with no day ("le mois dernier", "two days after a
# drone attack in Jordan", "fin janvier"): it may join an incident told, never start one
# a toll summed over many attacks
TALLY = re.compile(
    # ("a total of", "au total" also sum one attack's victims: not enough)
    r"\bin (?:a|une) (?:series|serie) (?:of|d'|de) \d+"
    r"|\battacks (?:in|over) (?:recent|the past|the last) (?:weeks|months)\b"
    r"|\battaques (?:de|des|au cours des) (?:ces )?dernieres semaines\b"
    # "62 injured in these attacks prior to the Monday attack": the earlier ones' sum
    r"|\b(?:in|during|dans|lors de) (?:these|those|such|ces|de telles) (?:attacks|attaques)\b"
)
# "The attack came a day after an Iran missile attack ...": what follows is the event recalled
RECALLED_AFTER = re.compile(
    r"\b(?:after|following|apres|suite a|a la suite d\w*)\s+(?:an?|the|une?|l'|la|le|qu'une?)\s"
)
RECALLED_UNDATED = re.compile(
    r"\ble mois dernier\b|\blast (?:week|month)\b|\bthe previous (?:week|month)\b"
    # "The attempted drone attack followed US strikes on two facilities": what came before
    r"|\b(?:followed|came after|fait suite aux|faisait suite aux) (?:the |des |les )?"
    r"(?:[\w-]+ ){0,2}(?:strikes|frappes|attacks|attaques)\b"
    r"|\bla semaine (?:derniere|precedente)\b|\b(?:\w+ )?(?:days|weeks|jours|semaines) "
    r"(?:after|before|apres|avant) (?:a|an|une?|the|l'|qu'une?)\b"
    r"|\b(?:days|weeks) (?:prior|earlier)\b"
    # "It comes just a week after U.S. forces carried out an airstrike"
    r"|\b(?:a|one|une) (?:day|week|month|jour|semaine) (?:after|before|apres|avant)\b"
    r"|\bfollows? (?:another|an earlier|a previous)\b|\bfait suite a une autre\b"
    r"|\bfin (?:janvier|fevrier|mars|avril"
    r"|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\b"
)
# two countries coordinated ("en Syrie et en Irak", "in Iraq and Syria"): strikes told there
# are one incident per country, and a toll told for them is their total
_COUNTRY_WORD = r"(?:syrie|irak|iraq|syria|jordanie|jordan)"
TWO_COUNTRIES = re.compile(
    # "in Iraq and neighbouring Syria", "en Irak et dans la Syrie voisine"
    rf"\b(?:en|in) (?P<a>{_COUNTRY_WORD})\s*(?:,|et|and|&)\s*(?:en |in )?(?:l')?"
    rf"(?:neighbou?ring )?(?P<b>{_COUNTRY_WORD})\b"
    r"|\b(?:dans les|in both|in the) (?:deux|two) (?:pays|countries)\b"
)
COUNTRY_CODE = {
    "syrie": "SY",
    "syria": "SY",
    "irak": "IQ",
    "iraq": "IQ",
    "jordanie": "JO",
    "jordan": "JO",
}
