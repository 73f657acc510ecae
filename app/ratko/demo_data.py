"""The demo engagements' content: realistic Finnish workplaces (a hospital ward, a grocery store, a library, ...).

Days are relative to the day the demo is loaded. Task tuples: (role, description, category, hours, period, frequency,
flags, bundle index or None); flags from "u" left undone, "b" burdens staff, "q" needs a qualification, "c" restricted
by the collective agreement.
"""

from __future__ import annotations

WARD_TASKS = [
    ("sairaanhoitaja", "Lääkkeiden jako ja kirjaaminen", "core", 10, "week", "daily", "q", None),
    ("sairaanhoitaja", "Lääkekaapin ja hoitotarvikevaraston täydennys", "supplementary", 3, "week", "weekly", "b",
     None),
    ("sairaanhoitaja", "Potilaiden saattaminen tutkimuksiin ja röntgeniin", "extra", 4, "week", "daily", "ub", 0),
    ("lähihoitaja", "Liinavaatteiden täydennys osastolle", "extra", 3, "week", "daily", "b", 0),
    ("lähihoitaja", "Vesikannujen ja välipalojen jako potilashuoneisiin", "extra", 2.5, "week", "daily", "", 0),
    ("lähihoitaja", "Pyörätuolien ja apuvälineiden puhdistus", "extra", 1.5, "week", "weekly", "u", 0),
    ("osastonsihteeri", "Postin ja laboratorionäytteiden kuljetus", "extra", 2, "week", "daily", "b", 0),
    ("osastonsihteeri", "Lomakkeiden ja potilasesitteiden täydennys", "supplementary", 4, "month", "monthly", "u",
     None),
    ("apulaisosastonhoitaja", "Työvuorolistojen laatiminen", "core", 4, "week", "weekly", "", None),
    ("laitoshuoltaja", "Kahvihuoneen ja potilaskeittiön siisteys", "supplementary", 2, "week", "daily", "", None),
    ("laitoshuoltaja", "Lukunurkkauksen lehtien ja kirjojen järjestely", "extra", 1, "week", "weekly", "u", 0),
]
STORE_TASKS = [
    ("myyjä", "Hyllyjen täyttö ja päiväysten tarkistus", "extra", 6, "week", "daily", "b", 0),
    ("myyjä", "Hävikkituotteiden kirjaus", "supplementary", 2, "week", "daily", "", None),
    ("myyjä", "Hedelmä- ja vihannesosaston siistiminen", "supplementary", 3, "week", "daily", "u", 0),
    ("kassamyyjä", "Ostoskärryjen ja korien keruu pihalta", "extra", 3, "week", "daily", "u", 0),
    ("kassamyyjä", "Pullonpalautusautomaatin tyhjennys", "extra", 2.5, "week", "daily", "b", 0),
    ("varastotyöntekijä", "Pahvien ja muovien lajittelu ja paalaus", "extra", 3, "week", "daily", "b", 0),
    ("varastotyöntekijä", "Kuormien vastaanotto ja tarkastus", "core", 8, "week", "daily", "c", None),
    ("kauppias", "Tilausten tekeminen", "core", 5, "week", "weekly", "", None),
]
LIBRARY_TASKS = [
    ("kirjastovirkailija", "Palautettujen aineistojen hyllytys", "extra", 8, "week", "daily", "b", 0),
    ("kirjastovirkailija", "Varausten keräily hyllyistä", "supplementary", 4, "week", "daily", "", 0),
    ("kirjastovirkailija", "Asiakkaiden opastus tietokoneiden käytössä", "core", 5, "week", "daily", "", None),
    ("informaatikko", "Lehtien ja uutuushyllyn järjestely", "extra", 2, "week", "weekly", "u", 0),
    ("informaatikko", "Poistokirjojen myyntipisteen hoito", "extra", 6, "month", "weekly", "u", 0),
    ("palveluesihenkilö", "Aineistojen kuljetus lähikirjastoihin", "extra", 3, "week", "weekly", "b", 0),
]
LAUNDRY_TASKS = [
    ("pesulatyöntekijä", "Pyykkikärryjen lajittelu ja kuljetus linjalle", "extra", 6, "week", "daily", "b", 0),
    ("pesulatyöntekijä", "Tekstiilien viikkaus ja pakkaus", "supplementary", 8, "week", "daily", "", 0),
    ("vuoroesimies", "Asiakaspalautusten käsittely", "core", 3, "week", "weekly", "", None),
]
NURMES_TASKS = [
    ("myyjä", "Maitohyllyn täyttö aamulla", "extra", 5, "week", "daily", "b", 0),
    ("myyjä", "Tarjouskylttien vaihto", "supplementary", 2, "week", "weekly", "u", 0),
    ("kassamyyjä", "Kassalinjojen siistiminen ja pussitelineiden täyttö", "extra", 2, "week", "daily", "", 0),
    ("osastopäällikkö", "Hyllynvalvonta ja tilausehdotukset", "core", 6, "week", "daily", "", None),
    ("varastotyöntekijä", "Kylmävaraston järjestely", "extra", 3, "week", "weekly", "u", None),
]

ENGAGEMENTS = [
    {
        "org": "joensuu", "employer": "Pielisjoen hyvinvointialue, keskussairaala", "industry": "86",
        "site": "Sisätautien osasto 3", "title": "Sisätautien osasto 3", "consultant": "consultant@example.org",
        "coach": "coach@example.org", "motivation": "diversity_goal",
        "motivation_note": "Hyvinvointialueen monimuotoisuussuunnitelma: osasto haluaa kokeilla uusia tehtävänkuvia "
                           "ja vähentää hoitajien kiirettä.",
        "decision": ("go", -40, "Johanna Lappalainen, osastonhoitaja"), "phase": "coaching", "status": "active",
        "ticks": {"commitment": 8, "coaching": 4}, "key_persons": [("Johanna Lappalainen", "management"),
                                                                  ("Anna Tukiainen", "supervisor")],
        "workshops": [(-21, 90, "Osasto valitsi mukaan eri ammattiryhmät. Kiireen tunne nousi esiin heti: "
                                "moni kertoi jättävänsä pieniä tehtäviä iltavuorolle."),
                      (-7, 75, "Toisessa työpajassa kuvattiin uuden tehtävän tehtäväkokonaisuus.")],
        "participants": [("Anna Tukiainen", "apulaisosastonhoitaja"), ("Sari Nieminen", "sairaanhoitaja"),
                         ("Jukka Heikkinen", "lähihoitaja"), ("Marja Koponen", "osastonsihteeri"),
                         ("Tuula Räsänen", "laitoshuoltaja")],
        "tasks": WARD_TASKS,
        "bundles": [{"title": "Osastoavustaja", "status": "draft",
                     "purpose": "Vapauttaa hoitajien aikaa potilastyöhön: osastoavustaja huolehtii tarvikkeista, "
                                "kuljetuksista ja potilaiden saattamisesta.",
                     "schedule": "ma–pe klo 8–14", "place": "Sisätautien osasto 3, keskussairaala",
                     "working_conditions": "Liikkumista osaston käytävillä ja sairaalan tunneleissa, kevyitä nostoja "
                                           "(alle 10 kg). Perehdytys osaston hygieniakäytäntöihin.",
                     "guided_by": "Johanna Lappalainen, osastonhoitaja",
                     "requirements": "Hygieniapassi tai valmius suorittaa se perehdytyksen aikana. Suomen kielen "
                                     "perustaito."}],
        "notes": [("commitment", "Osastonhoitaja kiinnostui erityisesti siitä, että kokeneet hoitajat saavat aikaa "
                                 "potilastyöhön."),
                  ("coaching", "Lääkkeiden jako pysyy sairaanhoitajilla (vaatii pätevyyden).")],
        "time": [("preparation", -45, 90), ("communication", -41, 30), ("workshops", -21, 120),
                 ("task_descriptions", -18, 60), ("workshops", -7, 90)],
    },
    {
        "org": "joensuu", "employer": "Koskikauppa Oy", "industry": "47", "site": "Koskikauppa Keskusta",
        "title": "Koskikauppa Keskusta", "consultant": "consultant@example.org", "coach": "coach@example.org",
        "motivation": "other", "motivation_note": "Kauppias haluaa helpottaa iltavuorojen kiirettä ja työllistää "
                                                 "paikallisesti.",
        "decision": ("go", -90, "Auli Hämäläinen, kauppias"), "phase": "matching", "status": "active",
        "ticks": {"commitment": 8, "coaching": 8, "matching": 3},
        "key_persons": [("Auli Hämäläinen", "management"), ("Eetu Mononen", "key_person")],
        "workshops": [(-60, 75, "Henkilökunta listasi tehtäviä, jotka jäävät ruuhkassa tekemättä.")],
        "participants": [("Auli Hämäläinen", "kauppias"), ("Heikki Laitinen", "myyjä"),
                         ("Kaisa Ruotsalainen", "kassamyyjä"), ("Pekka Turunen", "varastotyöntekijä")],
        "tasks": STORE_TASKS,
        "bundles": [{"title": "Myymäläavustaja", "status": "agreed", "hours_per_week": 20,
                     "purpose": "Pitää hyllyt täynnä ja pihan siistinä, jotta myyjät ehtivät palvella asiakkaita.",
                     "schedule": "ma–pe klo 9–13", "place": "Koskikauppa Keskusta, myymälä ja varasto",
                     "working_conditions": "Seisomatyötä, kylmiö- ja pakastetiloja lyhyesti. Työvaatteet kaupalta.",
                     "guided_by": "Auli Hämäläinen, kauppias",
                     "requirements": "Hygieniapassi. Tarkkuutta päiväysten tarkistamiseen."}],
        "notes": [("matching", "Vaativuusprofiili arvioitu; ehdokkaita kartoitetaan työhönvalmentajan kanssa.")],
        "time": [("preparation", -100, 60), ("workshops", -60, 90), ("task_descriptions", -55, 90),
                 ("assessment", -20, 120)],
    },
    {
        "org": "joensuu", "employer": "Joen kirjastot", "industry": "91", "site": "Pääkirjasto",
        "title": "Pääkirjasto", "consultant": "consultant@example.org", "coach": "coach@example.org",
        "motivation": "diversity_goal", "motivation_note": "Kaupungin kirjastot haluavat olla monimuotoinen työpaikka.",
        "decision": ("go", -200, "Mika Penttinen, kirjastotoimenjohtaja"), "phase": "consolidation",
        "status": "active", "ticks": {"commitment": 8, "coaching": 8, "matching": 8, "consolidation": 3},
        "key_persons": [("Mika Penttinen", "management"), ("Veikko Eronen", "supervisor"),
                        ("Lauri Hyvönen", "inductor")],
        "workshops": [(-170, 90, "Ensimmäinen työpaja: hyllytys ja kuljetukset nousivat esiin."),
                      (-150, 60, "Toinen työpaja: tehtäväkuvaus viimeisteltiin.")],
        "participants": [("Veikko Eronen", "palveluesihenkilö"), ("Lauri Hyvönen", "kirjastovirkailija"),
                         ("Sanna Kettunen", "informaatikko")],
        "tasks": LIBRARY_TASKS,
        "bundles": [{"title": "Kirjastoavustaja", "status": "filled",
                     "purpose": "Aineistot nopeasti takaisin hyllyyn ja varaukset asiakkaille; virkailijat "
                                "saavat aikaa asiakasneuvontaan.",
                     "schedule": "ma–to klo 10–15", "place": "Pääkirjasto, aineistopalvelut",
                     "working_conditions": "Kirjakärryjen siirtelyä, kumartumista ja kurottelua. Rauhallinen "
                                           "takahuone taukoihin."}],
        "consolidation": {"inductor_name": "Lauri Hyvönen",
                          "induction_plan": "1. viikko: hyllytys Laurin kanssa. 2. viikko: varausten keräily. "
                                            "3. viikko: kuljetukset lähikirjastoihin.",
                          "contact_agreement": "Työhönvalmentaja ja palveluesihenkilö soittavat joka toinen "
                                               "maanantai; muutoksista ilmoitetaan heti.",
                          "job_description_changes_by": "Palveluesihenkilö yhdessä työhönvalmentajan kanssa",
                          "instructions_from": "Palveluesihenkilö Veikko Eronen"},
        "follow_ups": [(-40, "Ensimmäinen kuukausi", True), (-5, "Kolmen kuukauden seuranta", False),
                       (25, "Puolen vuoden seuranta", False)],
        "time": [("preparation", -210, 60), ("workshops", -170, 90), ("workshops", -150, 60),
                 ("task_descriptions", -145, 120), ("assessment", -120, 90), ("communication", -60, 45)],
    },
    {
        "org": "joensuu", "employer": "Hotelli ja kylpylä Kivilahti", "industry": "55", "site": "Hotelli Kivilahti",
        "title": "Hotellin kerrossiivous ja aamiainen", "consultant": "consultant@example.org", "coach": None,
        "motivation": "diversity_goal", "motivation_note": "Hotellinjohtaja kuuli mallista yrittäjäyhdistyksessä.",
        "decision": None, "phase": "commitment", "status": "active", "ticks": {"commitment": 2},
        "key_persons": [("Jukka Tervo", "management")],
        "workshops": [(12, 90, "Alustava työpaja sovittu kerrosvastaavan kanssa.")], "participants": [],
        "tasks": [], "bundles": [],
        "notes": [("commitment", "Esittely johtoryhmälle pidetty. Päätös kuukauden sisällä.")],
        "time": [("preparation", -10, 60), ("communication", -3, 30)],
    },
    {
        "org": "joensuu", "employer": "Rantakylän yhtenäiskoulu", "industry": "85", "site": None,
        "title": "Koulun keittiö ja kiinteistö", "consultant": "consultant@example.org", "coach": None,
        "motivation": "external_obligation",
        "motivation_note": "Kunnan velvoite tarjota työ- ja työkokeilupaikkoja. Henkilöstöllä huonoja kokemuksia "
                           "vaihtuvuudesta, yhteisö on varautunut.",
        "decision": None, "phase": "commitment", "status": "seeded", "revisit": 10, "ticks": {"commitment": 3},
        "key_persons": [("Ilona Nousiainen", "management")], "workshops": [], "participants": [], "tasks": [],
        "bundles": [], "notes": [("commitment", "Koulu käy läpi organisaatiomuutosta. Ei pakoteta: palataan asiaan "
                                                "syksyllä, kun muutos on ohi.")],
        "time": [("preparation", -50, 45), ("communication", -30, 30)],
    },
    {
        "org": "joensuu", "employer": "Konepaja Terästaito Oy", "industry": "25", "site": None,
        "title": "Konepajan kokoonpano", "consultant": "consultant@example.org", "coach": None,
        "motivation": "other", "motivation_note": "Kiinnostusta, mutta ei aikaa perehdyttämiseen.",
        "decision": ("no_go", -120, "Matti Kokkonen, tuotantopäällikkö"), "phase": "commitment",
        "status": "declined", "ticks": {"commitment": 4}, "key_persons": [], "workshops": [], "participants": [],
        "tasks": [], "bundles": [], "notes": [], "time": [("preparation", -130, 60)],
    },
    {
        "org": "joensuu", "employer": "Pesulapalvelu Valkea Oy", "industry": "96", "site": "Pesulalinja",
        "title": "Pesulalinjan apulainen", "consultant": "consultant@example.org", "coach": "coach@example.org",
        "motivation": "diversity_goal", "motivation_note": "",
        "decision": ("go", -300, "Oskari Pietarinen, tuotantopäällikkö"), "phase": "matching",
        "status": "completed", "outcome": "created_not_filled", "ticks": {"commitment": 8, "coaching": 8},
        "key_persons": [("Oskari Pietarinen", "management")], "workshops": [(-280, 90, "")],
        "participants": [("Jyrki Mönkkönen", "vuoroesimies")], "tasks": LAUNDRY_TASKS,
        "bundles": [{"title": "Pesula-apulainen", "status": "published", "schedule": "arkisin klo 7–11",
                     "place": "Pesulalinja", "purpose": "Lajittelu ja viikkaus linjan alussa ja lopussa."}],
        "notes": [("matching", "Sopivaa tekijää ei vielä löytynyt; tehtävä julkaistu vinkkinä verkostolle.")],
        "time": [("workshops", -280, 90), ("task_descriptions", -270, 60)],
    },
    {
        "org": "joensuu", "employer": "Kahvila Karjalanhelmi", "industry": "56", "site": None,
        "title": "Kahvilan salityöt", "consultant": "coach@example.org", "coach": "coach@example.org",
        "motivation": "other", "motivation_note": "", "decision": ("go", -400, "Heli Kärnä, yrittäjä"),
        "phase": "coaching", "status": "completed", "outcome": "no_bundle", "ticks": {"commitment": 6},
        "key_persons": [], "workshops": [(-390, 60, "Pieni työyhteisö: irrotettavia tehtäviä ei löytynyt.")],
        "participants": [], "tasks": [], "bundles": [], "notes": [], "time": [("workshops", -390, 60)],
    },
    {
        "org": "tyovalmennus", "employer": "Supermarket Pielishelmi", "industry": "47", "site": None,
        "title": "Pielishelmen myymälä", "consultant": "manager2@example.org", "coach": "coach2@example.org",
        "motivation": "diversity_goal", "motivation_note": "Kauppias on mukana paikallisessa monimuotoisuushankkeessa.",
        "decision": ("go", -30, "Inkeri Härkönen, kauppias"), "phase": "coaching", "status": "active",
        "ticks": {"commitment": 8, "coaching": 3}, "key_persons": [("Inkeri Härkönen", "management")],
        "workshops": [(-14, 90, "Aamuvuoron työt kartoitettiin.")],
        "participants": [("Markku Vilhunen", "osastopäällikkö"), ("Elina Asikainen", "myymäläpäällikkö")],
        "tasks": NURMES_TASKS,
        "bundles": [{"title": "Aamuvuoron hyllyttäjä", "status": "draft", "schedule": "ma–la klo 6–10",
                     "place": "Supermarket Pielishelmi"}],
        "notes": [], "time": [("workshops", -14, 90)],
    },
]
