"""Gold quotations with their speakers, in news texts written by hand for this project.

Each case is ``(text, expected)``; ``expected`` lists every quotation of the
text in order as ``(quote, speaker, entity, kind)``:

- ``quote``: the words between the marks, whitespace collapsed to single
  spaces; a quotation over several paragraphs is its paragraphs joined by
  one space, without the marks that reopen each paragraph;
- ``speaker``: the speaker as written in the text (``"he"``, ``"the
  statement"``, ``"Defence Ministry spokeswoman Ilse Varga"``), or None;
- ``entity``: who that is, as the merged name of :func:`analysis.terms.mentions` (the
  person's or organisation's full name as the text writes it most often,
  without title or initials), or None when the text does not say;
- ``kind``: ``"direct"`` when the quotation stands as a clause of its own (it
  opens its sentence, follows a colon, comma or dash, or is a capitalised
  statement ending in punctuation), else ``"partial"``.

Names of people and organisations are invented. ``_CASES`` were written
first and used while tuning the attribution rules; ``_HELD_OUT`` was written
after tuning was finished and is scored separately (see
``benchmarks/bench_quotes.py``).
"""

from __future__ import annotations

_CASES: list = [
    # --- speaker and cue after the quotation ------------------------------------------------
    (
        "Talks between the two governments resumed on Monday. “We are closer than we have ever been,” "
        "Foreign Minister Anna Lindqvist said. “But closer is not there yet.”",
        [
            ("We are closer than we have ever been,", "Foreign Minister Anna Lindqvist", "Anna Lindqvist", "direct"),
            ("But closer is not there yet.", "Foreign Minister Anna Lindqvist", "Anna Lindqvist", "direct"),
        ],
    ),
    (
        "Harbour workers walked out at dawn. \"Nobody asked us,\" said Peter Okafor, a crane driver. "
        "\"They decided in an office and told us by text message,\" he added.",
        [
            ("Nobody asked us,", "Peter Okafor", "Peter Okafor", "direct"),
            ("They decided in an office and told us by text message,", "he", "Peter Okafor", "direct"),
        ],
    ),
    (
        "The central bank kept its main rate at 4.5 percent. “Inflation is falling, but too slowly,” "
        "governor Rafael Mendes told reporters in Lisbon.",
        [("Inflation is falling, but too slowly,", "governor Rafael Mendes", "Rafael Mendes", "direct")],
    ),
    (
        "“It was the worst flood in living memory,” Mayor Helen Carter said on Tuesday, standing in front "
        "of the ruined library. “We will rebuild it.”",
        [
            ("It was the worst flood in living memory,", "Mayor Helen Carter", "Helen Carter", "direct"),
            ("We will rebuild it.", "Mayor Helen Carter", "Helen Carter", "direct"),
        ],
    ),
    (
        "Senator Tom Wexley voted against the bill. “This is a tax on working families,” Wexley said in a "
        "statement. “I could not support it.”",
        [
            ("This is a tax on working families,", "Wexley", "Tom Wexley", "direct"),
            ("I could not support it.", "Wexley", "Tom Wexley", "direct"),
        ],
    ),
    (
        "“We have never seen numbers like these,” said Dr Amira Haddad, who runs the city's largest "
        "hospital. Beds ran out on Sunday.",
        [("We have never seen numbers like these,", "Dr Amira Haddad", "Amira Haddad", "direct")],
    ),
    (
        "\"The price is simply too high,\" said Lena Fischer, chief executive of Nordwind Energy.",
        [("The price is simply too high,", "Lena Fischer", "Lena Fischer", "direct")],
    ),
    (
        "“Are we going to wait for the next disaster?” asked Councillor Brian Doyle. Nobody answered him.",
        [("Are we going to wait for the next disaster?", "Councillor Brian Doyle", "Brian Doyle", "direct")],
    ),
    (
        "“Enough!” shouted a protester outside the parliament. Police moved the crowd back.",
        [("Enough!", "a protester", None, "direct")],
    ),
    (
        "Carla Souza, the team's coach, was calm after the defeat. “We played well for an hour,” she said. "
        "“Then we stopped running.”",
        [
            ("We played well for an hour,", "she", "Carla Souza", "direct"),
            ("Then we stopped running.", "she", "Carla Souza", "direct"),
        ],
    ),
    # --- speaker and cue before the quotation ---------------------------------------------------
    (
        "Prime Minister Jonas Berg spoke after the vote. Berg said: “The people have chosen, and we will "
        "respect their choice.”",
        [("The people have chosen, and we will respect their choice.", "Berg", "Jonas Berg", "direct")],
    ),
    (
        "Asked about the strike, transport secretary Olivia Grant told the BBC: \"We will not be "
        "blackmailed.\"",
        [("We will not be blackmailed.", "transport secretary Olivia Grant", "Olivia Grant", "direct")],
    ),
    (
        "In a short statement, the Port Authority of Valdera said: “All ferries are cancelled until further "
        "notice.”",
        [("All ferries are cancelled until further notice.", "the Port Authority of Valdera",
          "Port Authority of Valdera", "direct")],
    ),
    (
        "The minister of health, Grace Mwangi, wrote on Twitter: “Vaccines arrive tomorrow. Be patient.”",
        [("Vaccines arrive tomorrow. Be patient.", "The minister of health, Grace Mwangi", "Grace Mwangi", "direct")],
    ),
    (
        "Union leader Marco Ricci said, “We will strike on Friday unless the offer improves.” Management "
        "declined to comment.",
        [("We will strike on Friday unless the offer improves.", "Union leader Marco Ricci", "Marco Ricci", "direct")],
    ),
    (
        "According to Ines Moreau, the festival's director, “ticket sales have doubled since the spring.”",
        [("ticket sales have doubled since the spring.", "Ines Moreau", "Ines Moreau", "partial")],
    ),
    # --- inverted cue with title and apposition --------------------------------------------------
    (
        "“There will be no ceasefire while shells keep falling,” said Sergei Volkov, the regional governor. "
        "Volkov spoke from a bunker.",
        [("There will be no ceasefire while shells keep falling,", "Sergei Volkov", "Sergei Volkov", "direct")],
    ),
    (
        "\"Markets hate uncertainty,\" says Julia Brandt, an economist at Hallmark Bank. \"And this budget "
        "is nothing but uncertainty.\"",
        [
            ("Markets hate uncertainty,", "Julia Brandt", "Julia Brandt", "direct"),
            ("And this budget is nothing but uncertainty.", "Julia Brandt", "Julia Brandt", "direct"),
        ],
    ),
    (
        "“The water is safe to drink,” added the city's chief engineer, Paolo Conti.",
        [("The water is safe to drink,", "the city's chief engineer, Paolo Conti", "Paolo Conti", "direct")],
    ),
    # --- dash and pronoun from the previous attribution ---------------------------------------------
    (
        "Defence Minister Karl Sørensen visited the base on Thursday. “Our soldiers are ready,” Sørensen "
        "said. “They have trained for this for years” — he added.",
        [
            ("Our soldiers are ready,", "Sørensen", "Karl Sørensen", "direct"),
            ("They have trained for this for years", "he", "Karl Sørensen", "direct"),
        ],
    ),
    (
        "“The decision is final,” the referee Mark Ellison said after the match. “I saw the handball "
        "clearly” – he told reporters.",
        [
            ("The decision is final,", "the referee Mark Ellison", "Mark Ellison", "direct"),
            ("I saw the handball clearly", "he", "Mark Ellison", "direct"),
        ],
    ),
    # --- quotations over several paragraphs -------------------------------------------------------
    (
        "The farmers' spokeswoman, Rosa Lindgren, read a prepared text.\n\n"
        "“For three summers we have had no rain. Our wells are dry and our animals are thin.\n\n"
        "“We are not asking for charity. We are asking for the water we were promised,” Lindgren said.\n\n"
        "The ministry did not reply.",
        [("For three summers we have had no rain. Our wells are dry and our animals are thin. We are not "
          "asking for charity. We are asking for the water we were promised,", "Lindgren", "Rosa Lindgren",
          "direct")],
    ),
    (
        "Coach Diego Alvarez addressed the fans after the final.\n\n"
        "\"I want to thank every one of you.\n\n"
        "\"You travelled across the country for this team, and tonight the trophy is yours,\" he said.",
        [("I want to thank every one of you. You travelled across the country for this team, and tonight "
          "the trophy is yours,", "he", "Diego Alvarez", "direct")],
    ),
    (
        "Judge Miriam Osei read her ruling slowly.\n\n"
        "“The defendant showed no remorse.\n\n"
        "“He lied to the police, to his family and to this court.\n\n"
        "“The sentence must reflect that.”\n\n"
        "The defence said it would appeal.",
        [("The defendant showed no remorse. He lied to the police, to his family and to this court. The "
          "sentence must reflect that.", None, None, "direct")],
    ),
    # --- nested single quotes ----------------------------------------------------------------------
    (
        "“When the guard shouted ‘get down’, we all dropped to the floor,” said Hannah Weiss, a bank clerk.",
        [("When the guard shouted ‘get down’, we all dropped to the floor,", "Hannah Weiss", "Hannah Weiss",
          "direct")],
    ),
    (
        "\"My father always told me 'never sell the land',\" farmer Joseph Kamau said. \"So I won't.\"",
        [
            ("My father always told me 'never sell the land',", "farmer Joseph Kamau", "Joseph Kamau", "direct"),
            ("So I won't.", "farmer Joseph Kamau", "Joseph Kamau", "direct"),
        ],
    ),
    (
        "Opposition leader Nadia Petrova accused the government of hiding the report. “They call it "
        "‘confidential’, I call it a cover-up,” Petrova said.",
        [("They call it ‘confidential’, I call it a cover-up,", "Petrova", "Nadia Petrova", "direct")],
    ),
    # --- straight, curly and mixed marks ----------------------------------------------------------
    (
        "\"We expected a quiet night,\" said firefighter Sam Reid. “Then the wind changed,” he said.",
        [
            ("We expected a quiet night,", "firefighter Sam Reid", "Sam Reid", "direct"),
            ("Then the wind changed,", "he", "Sam Reid", "direct"),
        ],
    ),
    (
        "Chancellor Ulrike Hahn was blunt. “Europe must pay for its own defence,\" Hahn told the Bundestag.",
        [("Europe must pay for its own defence,", "Hahn", "Ulrike Hahn", "direct")],
    ),
    # --- according to ----------------------------------------------------------------------------------
    (
        "The storm will reach the coast by midnight, according to the National Weather Office. “Stay "
        "indoors,” the office said.",
        [("Stay indoors,", "the office", "National Weather Office", "direct")],
    ),
    (
        "“Production will stop at the end of the month,” according to an internal memo seen by reporters.",
        [("Production will stop at the end of the month,", "an internal memo", None, "direct")],
    ),
    (
        "\"Nobody has been paid since March,\" according to Tariq Aziz, a nurse at the clinic.",
        [("Nobody has been paid since March,", "Tariq Aziz", "Tariq Aziz", "direct")],
    ),
    # --- title and affiliation; organisations speaking --------------------------------------------
    (
        "Fighting continued near the river. “Our units destroyed two supply depots,” Valdor Defence "
        "Ministry spokesman Igor Petrenko said. The Valdor Defence Ministry said later that its troops had "
        "crossed the river. “The offensive is going to plan,” the ministry said.",
        [
            ("Our units destroyed two supply depots,", "Valdor Defence Ministry spokesman Igor Petrenko",
             "Igor Petrenko", "direct"),
            ("The offensive is going to plan,", "the ministry", "Valdor Defence Ministry", "direct"),
        ],
    ),
    (
        "The Northland Railway Company said on Friday that fares would rise. “Costs have gone up for "
        "everyone,” the statement said.",
        [("Costs have gone up for everyone,", "the statement", "Northland Railway Company", "direct")],
    ),
    (
        "“The allegations are baseless,” the Orion Mining Corporation said in a statement.",
        [("The allegations are baseless,", "the Orion Mining Corporation", "Orion Mining Corporation", "direct")],
    ),
    (
        "“We are monitoring the situation closely,” a Foreign Office spokesman said.",
        [("We are monitoring the situation closely,", "a Foreign Office spokesman", "Foreign Office", "direct")],
    ),
    (
        "The Kestrel Group denied wrongdoing. “We have always followed the law,” it said.",
        [("We have always followed the law,", "it", "Kestrel Group", "direct")],
    ),
    (
        "“The talks were constructive,” a Kremlin statement said, without giving details.",
        [("The talks were constructive,", "a Kremlin statement", "Kremlin", "direct")],
    ),
    # --- presidents, ministers and other titles --------------------------------------------------------
    (
        "President Elena Vasquez met farmers in the north. “Your harvest is our future,” the president said.",
        [("Your harvest is our future,", "the president", "Elena Vasquez", "direct")],
    ),
    (
        "Interior Minister Paul Lefevre defended the police. “They acted within the law,” the minister told "
        "parliament.",
        [("They acted within the law,", "the minister", "Paul Lefevre", "direct")],
    ),
    (
        "Mr Obuya, the mine's owner, refused to comment. Joseph Obuya later told local radio: “I have done "
        "nothing wrong.”",
        [("I have done nothing wrong.", "Joseph Obuya", "Joseph Obuya", "direct")],
    ),
    (
        "“I will not resign,” Mr Harlow said. Simon Harlow has led the party since 2015.",
        [("I will not resign,", "Mr Harlow", "Simon Harlow", "direct")],
    ),
    (
        "Gen. Thomas Reilly, the army chief, said: “The border is secure.” Reilly later flew to the capital.",
        [("The border is secure.", "Gen. Thomas Reilly", "Thomas Reilly", "direct")],
    ),
    (
        "Donald J. Trump spoke at the rally. “We are going to win so much,” Trump said. “Believe me.”",
        [
            ("We are going to win so much,", "Trump", "Donald Trump", "direct"),
            ("Believe me.", "Trump", "Donald Trump", "direct"),
        ],
    ),
    # --- partial quotations -----------------------------------------------------------------------
    (
        "Opposition leader Martin Kowalski called the budget “a disaster for pensioners” and promised to "
        "vote against it.",
        [("a disaster for pensioners", "Opposition leader Martin Kowalski", "Martin Kowalski", "partial")],
    ),
    (
        "The minister, Sofia Andersson, said the reform was “long overdue” but admitted it would be "
        "“painful for some”.",
        [
            ("long overdue", "The minister, Sofia Andersson", "Sofia Andersson", "partial"),
            ("painful for some", "The minister, Sofia Andersson", "Sofia Andersson", "partial"),
        ],
    ),
    (
        "Residents described the noise as “like a freight train” when the tornado struck.",
        [("like a freight train", "Residents", None, "partial")],
    ),
    (
        "Economist Ravi Patel warned that the housing market was “running on fumes”.",
        [("running on fumes", "Economist Ravi Patel", "Ravi Patel", "partial")],
    ),
    (
        "Critics have dubbed the plan a \"bridge to nowhere\". Its supporters say it will create 3,000 jobs.",
        [("bridge to nowhere", "Critics", None, "partial")],
    ),
    # --- scare quotes, titles and names in quotation marks ----------------------------------------------
    (
        "The band's new album, “Quiet Rivers”, went straight to number one. Critics were less kind.",
        [("Quiet Rivers", None, None, "partial")],
    ),
    (
        "He appeared on the programme “Morning Report” to defend the so-called “emergency tax”.",
        [("Morning Report", None, None, "partial"), ("emergency tax", None, None, "partial")],
    ),
    (
        "Police arrested a man known as \"the Fox\" after a two-year search.",
        [("the Fox", None, None, "partial")],
    ),
    # --- continuing speaker without a cue ------------------------------------------------------------
    (
        "“I never saw the money,” Karen Holt told the court. “I signed what they gave me. I trusted them.” "
        "The trial continues on Monday.",
        [
            ("I never saw the money,", "Karen Holt", "Karen Holt", "direct"),
            ("I signed what they gave me. I trusted them.", "Karen Holt", "Karen Holt", "direct"),
        ],
    ),
    (
        "Goalkeeper Luis Ortega was the hero. \"I just guessed left,\" Ortega said. \"Sometimes you get "
        "lucky.\" His team meets Porto next.",
        [
            ("I just guessed left,", "Ortega", "Luis Ortega", "direct"),
            ("Sometimes you get lucky.", "Ortega", "Luis Ortega", "direct"),
        ],
    ),
    # --- the interviewer is not the speaker ---------------------------------------------------------
    (
        "“We made mistakes,” Governor Alan Pierce told Reuters in an interview on Wednesday.",
        [("We made mistakes,", "Governor Alan Pierce", "Alan Pierce", "direct")],
    ),
    (
        "“There is no deal yet,” she told the Daily Courier. Maya Lin had negotiated for the union for "
        "months.",
        [("There is no deal yet,", "she", "Maya Lin", "direct")],
    ),
    # --- appositive between speaker and cue ----------------------------------------------------------
    (
        "“This bill protects children,” Rebecca Moss, a Democrat from Ohio, said on the Senate floor.",
        [("This bill protects children,", "Rebecca Moss", "Rebecca Moss", "direct")],
    ),
    (
        "\"We are disappointed but not surprised,\" Ahmed Nasser, chairman of the Coastal Fishermen's "
        "Association, told reporters.",
        [("We are disappointed but not surprised,", "Ahmed Nasser", "Ahmed Nasser", "direct")],
    ),
    # --- several speakers in one article ------------------------------------------------------------
    (
        "The debate was heated. “Your plan will bankrupt the city,” Councillor Jane Okoye said. “Your plan "
        "will flood it,” replied Councillor Tim Baxter. Okoye later said: “We can find a middle way.”",
        [
            ("Your plan will bankrupt the city,", "Councillor Jane Okoye", "Jane Okoye", "direct"),
            ("Your plan will flood it,", "Councillor Tim Baxter", "Tim Baxter", "direct"),
            ("We can find a middle way.", "Okoye", "Jane Okoye", "direct"),
        ],
    ),
    (
        "Energy Minister Kofi Mensah and his Nigerian counterpart Ade Bello signed the deal in Accra. "
        "“This pipeline will light millions of homes,” Mensah said. “It is a good day for West Africa,” "
        "Bello said.",
        [
            ("This pipeline will light millions of homes,", "Mensah", "Kofi Mensah", "direct"),
            ("It is a good day for West Africa,", "Bello", "Ade Bello", "direct"),
        ],
    ),
    # --- one-line articles with paragraphs flattened ------------------------------------------------
    (
        "BERLIN (Reuters) - Factory orders fell in May, data showed on Monday. “The trend is clearly "
        "down,” said Katrin Vogel, an analyst at Ostbank.  “We expect a weak summer.”  The economy "
        "ministry said orders from abroad were stable.",
        [
            ("The trend is clearly down,", "Katrin Vogel", "Katrin Vogel", "direct"),
            ("We expect a weak summer.", "Katrin Vogel", "Katrin Vogel", "direct"),
        ],
    ),
    (
        "WASHINGTON (Reuters) - The U.S. Senate passed the measure 52-48. “It is a historic day,” Senate "
        "Majority Leader Ruth Calloway told reporters. Democrats called the vote “a shameful rush”.",
        [
            ("It is a historic day,", "Senate Majority Leader Ruth Calloway", "Ruth Calloway", "direct"),
            ("a shameful rush", "Democrats", None, "partial"),
        ],
    ),
    # --- British style: punctuation outside the marks ------------------------------------------------
    (
        "Ms Carver said the cuts were \"deeply unfair\". \"We will fight them in the courts\", she added. "
        "Lucy Carver chairs the tenants' group.",
        [
            ("deeply unfair", "Ms Carver", "Lucy Carver", "partial"),
            ("We will fight them in the courts", "she", "Lucy Carver", "direct"),
        ],
    ),
    (
        "The chancellor, Robert Hale, said: \"The economy is growing\". Mr Hale said borrowing would fall.",
        [("The economy is growing", "The chancellor, Robert Hale", "Robert Hale", "direct")],
    ),
    # --- quotation marks in single quotes only (headline style) -------------------------------------------
    (
        "Dockers say they are 'angry' after talks with the port operator collapse",
        [("angry", "Dockers", None, "partial")],
    ),
    (
        "Minister Hugo Laine: 'We will cut taxes next year'\n\nThe finance minister promised lower taxes "
        "for families.",
        [("We will cut taxes next year", "Minister Hugo Laine", "Hugo Laine", "direct")],
    ),
    # --- more speakers after the quotation -----------------------------------------------------------
    (
        "“The bridge was inspected last year,” city engineer Tomasz Nowak said. “Nothing suggested it "
        "would fail.” Investigators are examining the cables.",
        [
            ("The bridge was inspected last year,", "city engineer Tomasz Nowak", "Tomasz Nowak", "direct"),
            ("Nothing suggested it would fail.", "city engineer Tomasz Nowak", "Tomasz Nowak", "direct"),
        ],
    ),
    (
        "“We lost everything,” said Fatima Bakr, 54, standing outside her flooded shop.",
        [("We lost everything,", "Fatima Bakr", "Fatima Bakr", "direct")],
    ),
    (
        "“It is too early to say,” police said when asked about a motive.",
        [("It is too early to say,", "police", None, "direct")],
    ),
    (
        "Hospital officials said the girl was stable. “She is a fighter,” her mother, Anna Rossi, said.",
        [("She is a fighter,", "her mother, Anna Rossi", "Anna Rossi", "direct")],
    ),
    (
        "“I have no regrets,” the former striker Pablo Ruiz wrote in his memoir, published on Tuesday.",
        [("I have no regrets,", "the former striker Pablo Ruiz", "Pablo Ruiz", "direct")],
    ),
    (
        "“The vote was rigged,” opposition candidate Ivan Drago claimed on Sunday, without offering "
        "evidence. Election officials rejected the claim.",
        [("The vote was rigged,", "opposition candidate Ivan Drago", "Ivan Drago", "direct")],
    ),
    (
        "“No,” Patel replied when asked if he would stand again. Ravi Patel has been mayor for ten years.",
        [("No,", "Patel", "Ravi Patel", "direct")],
    ),
    (
        "“We are not going anywhere,” tweeted activist Greta Lund. Lund has 2 million followers.",
        [("We are not going anywhere,", "activist Greta Lund", "Greta Lund", "direct")],
    ),
    # --- speaker before, with an object and a time ----------------------------------------------------
    (
        "Bank chief Elif Demir told investors in London on Thursday: “Our capital is strong.” Shares rose "
        "4 percent.",
        [("Our capital is strong.", "Bank chief Elif Demir", "Elif Demir", "direct")],
    ),
    (
        "On the eve of the summit, the European Commission said in a statement: “The door to talks remains "
        "open.”",
        [("The door to talks remains open.", "the European Commission", "European Commission", "direct")],
    ),
    (
        "Later, Lindqvist wrote to members: \"The party is bigger than any one of us.\" Anna Lindqvist "
        "leads the Greens.",
        [("The party is bigger than any one of us.", "Lindqvist", "Anna Lindqvist", "direct")],
    ),
    # --- interrupted quotation ------------------------------------------------------------------------
    (
        "“If the rain continues,” said river warden Colin Marsh, “the town will flood by Friday.”",
        [
            ("If the rain continues,", "river warden Colin Marsh", "Colin Marsh", "direct"),
            ("the town will flood by Friday.", "river warden Colin Marsh", "Colin Marsh", "direct"),
        ],
    ),
    (
        "\"We tried,\" Nora Blake said, \"and we failed. That is sport.\"",
        [
            ("We tried,", "Nora Blake", "Nora Blake", "direct"),
            ("and we failed. That is sport.", "Nora Blake", "Nora Blake", "direct"),
        ],
    ),
    # --- a quotation with no speaker anywhere ----------------------------------------------------------
    (
        "A sign on the factory gate read “Closed until further notice”. Workers gathered outside.",
        [("Closed until further notice", None, None, "partial")],
    ),
    (
        "“Peace now.” The banner hung over the square for a week.",
        [("Peace now.", None, None, "direct")],
    ),
    # --- unbalanced marks -----------------------------------------------------------------------------
    (
        "“We will win this election, the candidate told supporters on Saturday.\n\n"
        "The rally ended at ten.",
        [("We will win this election,", "the candidate", None, "direct")],
    ),
    (
        "Police said the man was 6'2\" tall and wore a red jacket. \"Call us if you see him,\" Inspector "
        "Ruth Adler said.",
        [("Call us if you see him,", "Inspector Ruth Adler", "Ruth Adler", "direct")],
    ),
    # --- people named by surname only, resolved in the article ----------------------------------------
    (
        "Marie Dubois, a lawyer for the family, spoke outside court. “Justice was not done today,” Dubois "
        "said. Prosecutor Henri Blanc disagreed. “The jury weighed the evidence,” Blanc said.",
        [
            ("Justice was not done today,", "Dubois", "Marie Dubois", "direct"),
            ("The jury weighed the evidence,", "Blanc", "Henri Blanc", "direct"),
        ],
    ),
    (
        "“Our customers come first,” said Mr Tanaka, the chain's founder. Kenji Tanaka opened his first "
        "shop in 1989.",
        [("Our customers come first,", "Mr Tanaka", "Kenji Tanaka", "direct")],
    ),
    # --- pronoun after an intervening name ---------------------------------------------------------------
    (
        "Health Secretary Priya Nair visited the ward with nurses. “They are exhausted,” Nair said. "
        "“I have asked for more staff,” she added.",
        [
            ("They are exhausted,", "Nair", "Priya Nair", "direct"),
            ("I have asked for more staff,", "she", "Priya Nair", "direct"),
        ],
    ),
    (
        "The coach, Frank Miller, was sacked on Monday. Asked about his future, Miller said: “I will take "
        "a break.” He said he had no regrets. “It was a privilege,” he said.",
        [
            ("I will take a break.", "Miller", "Frank Miller", "direct"),
            ("It was a privilege,", "he", "Frank Miller", "direct"),
        ],
    ),
    # --- questions and exclamations -------------------------------------------------------------------
    (
        "“Who pays for this?” Senator Diane Wolfe asked during the hearing. “Taxpayers, as always!” she "
        "answered herself.",
        [
            ("Who pays for this?", "Senator Diane Wolfe", "Diane Wolfe", "direct"),
            ("Taxpayers, as always!", "she", "Diane Wolfe", "direct"),
        ],
    ),
    # --- a long apposition before the cue ------------------------------------------------------------
    (
        "“The reform will take a decade,” Helmut Krause, who chaired the commission that drafted the "
        "proposal, said on Wednesday.",
        [("The reform will take a decade,", "Helmut Krause", "Helmut Krause", "direct")],
    ),
    # --- speakers that are groups or anonymous --------------------------------------------------------
    (
        "“We need an answer by Friday,” a senior official at the Treasury said, speaking on condition of "
        "anonymity.",
        [("We need an answer by Friday,", "a senior official at the Treasury", "Treasury", "direct")],
    ),
    (
        "“The numbers do not add up,” analysts at Crestline Capital wrote in a note to clients.",
        [("The numbers do not add up,", "analysts at Crestline Capital", "Crestline Capital", "direct")],
    ),
    (
        "“We were never told,” residents said at a meeting on Tuesday night.",
        [("We were never told,", "residents", None, "direct")],
    ),
    # --- mixed: partial then full quotation by the same speaker --------------------------------------
    (
        "Farm minister Agnes Kovacs said the drought was “the worst in a century”. “We will pay farmers for "
        "every lost hectare,” Kovacs said.",
        [
            ("the worst in a century", "Farm minister Agnes Kovacs", "Agnes Kovacs", "partial"),
            ("We will pay farmers for every lost hectare,", "Kovacs", "Agnes Kovacs", "direct"),
        ],
    ),
    (
        "Talks with the union were “productive”, said a spokeswoman for the airline, Vera Lindholm.",
        [("productive", "a spokeswoman for the airline, Vera Lindholm", "Vera Lindholm", "partial")],
    ),
    # --- longer article ----------------------------------------------------------------------------------
    (
        "GENEVA - Negotiators from both sides met for six hours on Tuesday.\n\n"
        "“We have agreed on a timetable,” the United Nations envoy, Maria Santos, told reporters afterwards. "
        "“That is more than we had this morning.”\n\n"
        "The rebel delegation was more cautious. Its leader, Yusuf Karim, said the government had to "
        "release prisoners first. “Without that, there is nothing to discuss,” Karim said.\n\n"
        "Santos said the next round would start in March. “Nobody should expect miracles,” she said.",
        [
            ("We have agreed on a timetable,", "the United Nations envoy, Maria Santos", "Maria Santos", "direct"),
            ("That is more than we had this morning.", "the United Nations envoy, Maria Santos", "Maria Santos",
             "direct"),
            ("Without that, there is nothing to discuss,", "Karim", "Yusuf Karim", "direct"),
            ("Nobody should expect miracles,", "she", "Maria Santos", "direct"),
        ],
    ),
    (
        "LONDON - Shares in the retailer fell 12 percent after it cut its forecast.\n\n"
        "\"Christmas was disappointing,\" chief executive Laura Finch said in a statement. \"We were too "
        "slow to cut prices.\"\n\n"
        "Analysts were unimpressed. \"This is the third warning in a year,\" said Owen Hughes of Barton "
        "Securities. \"Investors have run out of patience.\"\n\n"
        "Finch said the company would close 40 stores.",
        [
            ("Christmas was disappointing,", "chief executive Laura Finch", "Laura Finch", "direct"),
            ("We were too slow to cut prices.", "chief executive Laura Finch", "Laura Finch", "direct"),
            ("This is the third warning in a year,", "Owen Hughes of Barton Securities", "Owen Hughes", "direct"),
            ("Investors have run out of patience.", "Owen Hughes of Barton Securities", "Owen Hughes", "direct"),
        ],
    ),
    (
        "The Metropolitan Transit Authority announced on Monday that it would end night buses. Drivers "
        "reacted angrily.\n\n"
        "“This leaves nurses and cleaners stranded,” said Ben Adeyemi, a driver for 20 years.\n\n"
        "The authority said the service cost too much. “We cannot run empty buses,” it said.",
        [
            ("This leaves nurses and cleaners stranded,", "Ben Adeyemi", "Ben Adeyemi", "direct"),
            ("We cannot run empty buses,", "it", "Metropolitan Transit Authority", "direct"),
        ],
    ),
    (
        "President Viktor Horvath, speaking at a press conference, defended the law. “No country lets "
        "strangers decide its future,” Horvath said.\n\n"
        "The European Commission said it would study the text. “We have serious concerns,” Commission "
        "spokeswoman Eva Lindner said.",
        [
            ("No country lets strangers decide its future,", "Horvath", "Viktor Horvath", "direct"),
            ("We have serious concerns,", "Commission spokeswoman Eva Lindner", "Eva Lindner", "direct"),
        ],
    ),
    (
        "A court in Milan jailed the former banker for six years. \"He betrayed the trust of thousands of "
        "savers,\" Judge Carla Benedetti said. His lawyer, Franco Gallo, called the verdict \"absurd\" and "
        "said: \"We will appeal tomorrow.\"",
        [
            ("He betrayed the trust of thousands of savers,", "Judge Carla Benedetti", "Carla Benedetti", "direct"),
            ("absurd", "His lawyer, Franco Gallo", "Franco Gallo", "partial"),
            ("We will appeal tomorrow.", "His lawyer, Franco Gallo", "Franco Gallo", "direct"),
        ],
    ),
    (
        "“We are a small country, but we are not a weak one,” Prime Minister Ana Costa said in her "
        "address. Costa added that the army would be doubled. “Every citizen must be ready,” she said.",
        [
            ("We are a small country, but we are not a weak one,", "Prime Minister Ana Costa", "Ana Costa",
             "direct"),
            ("Every citizen must be ready,", "she", "Ana Costa", "direct"),
        ],
    ),
]

# Written after the attribution rules were tuned on _CASES, and scored apart.
_HELD_OUT: list = [
    (
        "The fishing ban was extended for another year. “We understand the anger in the harbours,” "
        "Fisheries Minister Oskar Hallberg said on Wednesday. “But there will be no fish left to catch if we "
        "do nothing.”",
        [
            ("We understand the anger in the harbours,", "Fisheries Minister Oskar Hallberg", "Oskar Hallberg",
             "direct"),
            ("But there will be no fish left to catch if we do nothing.", "Fisheries Minister Oskar Hallberg",
             "Oskar Hallberg", "direct"),
        ],
    ),
    (
        "\"Every seat was taken by nine o'clock,\" said Rita Moreno-Diaz, who manages the city's night "
        "shelter. \"We turned away forty people last night.\"",
        [
            ("Every seat was taken by nine o'clock,", "Rita Moreno-Diaz", "Rita Moreno-Diaz", "direct"),
            ("We turned away forty people last night.", "Rita Moreno-Diaz", "Rita Moreno-Diaz", "direct"),
        ],
    ),
    (
        "Airline chief Stefan Krol announced the job cuts in a memo to staff. Krol wrote: “These are the "
        "hardest decisions I have had to make.”",
        [("These are the hardest decisions I have had to make.", "Krol", "Stefan Krol", "direct")],
    ),
    (
        "“No club is bigger than its supporters,” said the Arsenal Supporters' Trust. The trust wants a "
        "seat on the board.",
        [("No club is bigger than its supporters,", "the Arsenal Supporters' Trust", "Arsenal Supporters' Trust",
          "direct")],
    ),
    (
        "The Federal Aviation Agency grounded the aircraft on Friday. “Safety comes before schedules,” the "
        "agency said.",
        [("Safety comes before schedules,", "the agency", "Federal Aviation Agency", "direct")],
    ),
    (
        "Lucia Ferrante, a nurse in Naples, described the night shift as “a war zone with no end”. “You "
        "do not sleep, you just stop,” she said.",
        [
            ("a war zone with no end", "Lucia Ferrante, a nurse in Naples", "Lucia Ferrante", "partial"),
            ("You do not sleep, you just stop,", "she", "Lucia Ferrante", "direct"),
        ],
    ),
    (
        "The vice chancellor of Marlow University, Professor Derek Ames, addressed the students.\n\n"
        "“I know many of you are worried about fees.\n\n"
        "“I promise that no student will have to leave because of money,” Ames said.",
        [("I know many of you are worried about fees. I promise that no student will have to leave because "
          "of money,", "Ames", "Derek Ames", "direct")],
    ),
    (
        "“When the alarm said ‘evacuate now’, nobody moved at first,” recalled office worker Tim Hardy.",
        [("When the alarm said ‘evacuate now’, nobody moved at first,", "office worker Tim Hardy", "Tim Hardy",
          "direct")],
    ),
    (
        "Interior ministry spokesman Pavel Novak said: \"The border crossings will reopen at midnight.\" He "
        "gave no further details.",
        [("The border crossings will reopen at midnight.", "Interior ministry spokesman Pavel Novak", "Pavel Novak",
          "direct")],
    ),
    (
        "Unemployment rose to 7.2 percent in June, according to the National Statistics Bureau. “The labour "
        "market is cooling faster than we expected,” said Hana Suzuki, chief economist at Kiyomi Bank.",
        [("The labour market is cooling faster than we expected,", "Hana Suzuki", "Hana Suzuki", "direct")],
    ),
    (
        "“The evidence is overwhelming,” according to prosecutor Dana Whitfield, who asked for a ten-year "
        "sentence.",
        [("The evidence is overwhelming,", "prosecutor Dana Whitfield", "Dana Whitfield", "direct")],
    ),
    (
        "The Greenway Party accused the mayor of breaking his promise. “He said no new roads, and now he "
        "is building three,” the party said in a statement.",
        [("He said no new roads, and now he is building three,", "the party", "Greenway Party", "direct")],
    ),
    (
        "President Amara Diallo signed the decree on Monday. “From today, school is free for every child,” "
        "she said. Critics called the plan “unaffordable”.",
        [
            ("From today, school is free for every child,", "she", "Amara Diallo", "direct"),
            ("unaffordable", "Critics", None, "partial"),
        ],
    ),
    (
        "“It is a great honour,” said the novelist Clara Bishop after winning the prize. “I did not expect "
        "it at all.” The jury praised her “quiet courage”.",
        [
            ("It is a great honour,", "the novelist Clara Bishop", "Clara Bishop", "direct"),
            ("I did not expect it at all.", "the novelist Clara Bishop", "Clara Bishop", "direct"),
            ("quiet courage", None, None, "partial"),
        ],
    ),
    (
        "Mr Okonjo refused to step down. “I was elected by the people, not by the newspapers,” Mr Okonjo "
        "told supporters. Samuel Okonjo has been governor since 2019.",
        [("I was elected by the people, not by the newspapers,", "Mr Okonjo", "Samuel Okonjo", "direct")],
    ),
    (
        "TOKYO (Reuters) - Kanto Motors cut its profit forecast on Tuesday. “Chip shortages will hurt us "
        "until spring,” Kanto Motors spokeswoman Yui Tanabe told reporters.  “We are working with suppliers.”",
        [
            ("Chip shortages will hurt us until spring,", "Kanto Motors spokeswoman Yui Tanabe", "Yui Tanabe",
             "direct"),
            ("We are working with suppliers.", "Kanto Motors spokeswoman Yui Tanabe", "Yui Tanabe", "direct"),
        ],
    ),
    (
        "\"We have done nothing illegal,\" a lawyer for the company said. The lawsuit seeks $40 million.",
        [("We have done nothing illegal,", "a lawyer for the company", None, "direct")],
    ),
    (
        "A banner reading \"Hands off our hospital\" hung from the balcony as councillors arrived.",
        [("Hands off our hospital", None, None, "partial")],
    ),
    (
        "“Why should pensioners pay for the banks’ mistakes?” asked Labour MP Gwen Rhodes. The minister did "
        "not answer.",
        [("Why should pensioners pay for the banks’ mistakes?", "Labour MP Gwen Rhodes", "Gwen Rhodes", "direct")],
    ),
    (
        "The striker, who joined from Benfica in January, was in tears. “This club gave me a chance when "
        "nobody else did,” Joao Pereira said. “I will never forget that.”",
        [
            ("This club gave me a chance when nobody else did,", "Joao Pereira", "Joao Pereira", "direct"),
            ("I will never forget that.", "Joao Pereira", "Joao Pereira", "direct"),
        ],
    ),
    (
        "“We have lost contact with the village,” said a spokesman for the Red Crescent, Omar Farouk. "
        "Rescue teams are trying to reach it by road.",
        [("We have lost contact with the village,", "a spokesman for the Red Crescent, Omar Farouk", "Omar Farouk",
          "direct")],
    ),
    (
        "Environment campaigner Leah Sanderson called the new quarry \"an act of vandalism\" and said: "
        "\"We will see them in court.\"",
        [
            ("an act of vandalism", "Environment campaigner Leah Sanderson", "Leah Sanderson", "partial"),
            ("We will see them in court.", "Environment campaigner Leah Sanderson", "Leah Sanderson", "direct"),
        ],
    ),
]


def score(raw, table) -> dict:
    """Score a :func:`analysis.sentences.quotes` table of the case texts (``doc_id`` = the case's position).

    A predicted quotation matches a gold one of the same text with the same
    words (whitespace collapsed), each used once. Returns the counts and
    ``precision``, ``recall``, ``f1`` of quotation spans, ``speaker_accuracy``
    (matched gold quotations with an entity whose predicted entity is the
    same), ``false_speakers`` (matched gold quotations without an entity that
    were given one) and ``kind_accuracy``.
    """
    tp = n_pred = n_gold = 0
    attributed = right = unattributed = wrong_extra = kinds = 0
    misses = []
    for i, (text, expected) in enumerate(raw):
        rows = table[table["doc_id"] == str(i)]
        predicted = [(" ".join(q.split()), e if isinstance(e, str) else None, k)
                     for q, e, k in zip(rows["quote"], rows["entity"], rows["kind"])]
        n_pred += len(predicted)
        n_gold += len(expected)
        used = [False] * len(predicted)
        for quote, _speaker, entity, kind in expected:
            j = next((j for j, p in enumerate(predicted) if not used[j] and p[0] == " ".join(quote.split())), None)
            if j is None:
                misses.append((i, quote, "missed"))
                continue
            used[j] = True
            tp += 1
            kinds += predicted[j][2] == kind
            if entity is not None:
                attributed += 1
                if predicted[j][1] == entity:
                    right += 1
                else:
                    misses.append((i, quote, f"entity {predicted[j][1]!r} for {entity!r}"))
            else:
                unattributed += 1
                if predicted[j][1] is not None:
                    wrong_extra += 1
                    misses.append((i, quote, f"entity {predicted[j][1]!r} for none"))
        misses.extend((i, p[0], "spurious") for j, p in enumerate(predicted) if not used[j])
    precision = tp / n_pred if n_pred else float("nan")
    recall = tp / n_gold if n_gold else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"n_gold": n_gold, "n_predicted": n_pred, "matched": tp, "precision": precision, "recall": recall,
            "f1": f1, "attributed": attributed, "speaker_right": right,
            "speaker_accuracy": right / attributed if attributed else float("nan"),
            "unattributed": unattributed, "false_speakers": wrong_extra,
            "kind_accuracy": kinds / tp if tp else float("nan"), "errors": misses}


def _check(raw) -> list[tuple[str, list[tuple]]]:
    out = []
    for text, expected in raw:
        for quote, speaker, entity, kind in expected:
            assert kind in ("direct", "partial"), kind
            if speaker is not None:
                assert " ".join(speaker.split()) in " ".join(text.split()), speaker
        out.append((text, list(expected)))
    return out


def cases() -> list[tuple[str, list[tuple]]]:
    """All gold cases as ``(text, [(quote, speaker, entity, kind), ...])``."""
    return _check(_CASES) + _check(_HELD_OUT)


def tuning() -> list[tuple[str, list[tuple]]]:
    """Only the cases used while tuning."""
    return _check(_CASES)


def held_out() -> list[tuple[str, list[tuple]]]:
    """Only the second batch (see ``_HELD_OUT``)."""
    return _check(_HELD_OUT)
