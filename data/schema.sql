-- Schema of data/dashboard.duckdb. Every constraint on the data lives here:
-- `python -m dashboard.build` loads the CSVs of data/ through these tables and stops on the
-- first row a constraint rejects. Tables are created in load order (referenced tables first).
-- Views whose name starts with `check_` must be empty after the load: they hold the rules a
-- CHECK or FOREIGN KEY cannot express (list elements, cross-table rules).

CREATE TABLE source_kinds (
    kind        VARCHAR PRIMARY KEY,
    label       VARCHAR NOT NULL,
    is_primary  BOOLEAN NOT NULL,  -- the issuer's own document (government, company, filing, statistics, dataset)
    description VARCHAR NOT NULL
);

CREATE TABLE sources (
    source_id  VARCHAR PRIMARY KEY CHECK (regexp_full_match(source_id, '[a-z0-9][a-z0-9-]*')),
    title      VARCHAR NOT NULL CHECK (length(trim(title)) > 0),
    publisher  VARCHAR NOT NULL CHECK (length(trim(publisher)) > 0),
    url        VARCHAR NOT NULL CHECK (regexp_full_match(url, 'https?://[^\s<>"]+')),
    published  DATE,            -- the page's own date where it shows one
    kind       VARCHAR NOT NULL REFERENCES source_kinds (kind),
    licence    VARCHAR,         -- for datasets: the licence the publisher states
    note       VARCHAR
);

-- Vocabularies with the label and colour every chart uses for them (one colour per value, everywhere).
CREATE TABLE threads (
    thread VARCHAR PRIMARY KEY,
    label  VARCHAR NOT NULL,
    colour VARCHAR NOT NULL CHECK (regexp_full_match(colour, '#[0-9A-Fa-f]{6}'))
);

CREATE TABLE jurisdictions (
    jurisdiction VARCHAR PRIMARY KEY,
    colour       VARCHAR NOT NULL CHECK (regexp_full_match(colour, '#[0-9A-Fa-f]{6}'))
);

CREATE TABLE regions (
    region      VARCHAR PRIMARY KEY,
    owid_entity VARCHAR NOT NULL UNIQUE,  -- the name Our World in Data uses (derive.sql maps by it)
    colour      VARCHAR NOT NULL CHECK (regexp_full_match(colour, '#[0-9A-Fa-f]{6}')),
    sort        INTEGER NOT NULL UNIQUE   -- order in pickers and legends
);

CREATE TABLE chip_attributes (
    attribute     VARCHAR PRIMARY KEY,
    label         VARCHAR NOT NULL,  -- with unit and "dense" where it matters
    short_label   VARCHAR NOT NULL,  -- pickers and axis titles
    value_type    VARCHAR NOT NULL CHECK (value_type IN ('number', 'text', 'date')),
    unit          VARCHAR,
    compare       BOOLEAN NOT NULL,  -- a panel of the chip comparison
    rule_input    BOOLEAN NOT NULL,  -- a figure dashboard/rules.py reads to classify a chip
    plot_name     VARCHAR,           -- set: the chips page can plot it against release date (download name)
    plot_headline VARCHAR,
    sort          INTEGER NOT NULL UNIQUE,
    CHECK ((plot_name IS NULL) = (plot_headline IS NULL)),
    CHECK (plot_name IS NULL OR value_type = 'number')
);

CREATE TABLE event_categories (
    category    VARCHAR PRIMARY KEY,
    thread      VARCHAR NOT NULL REFERENCES threads (thread),
    label       VARCHAR NOT NULL,
    description VARCHAR NOT NULL
);

CREATE TABLE companies (
    company VARCHAR PRIMARY KEY,  -- canonical name, the one events, adoption and listings use
    name_zh VARCHAR,            -- the Chinese name, as the source of the company's own listing gives it
    aliases VARCHAR[] NOT NULL, -- other names it and its listed affiliates go by (a search finds them)
    kind    VARCHAR NOT NULL CHECK (kind IN ('chip_designer', 'foundry', 'memory', 'equipment',  -- what the company does (chip_designer, foundry, ai_developer, ...; aggregate for a market-wide group)
                                             'ai_developer', 'cloud_platform', 'telecom',
                                             'device_maker', 'automaker', 'research', 'eda', 'defence',
                                             'materials', 'aggregate')),
    country VARCHAR NOT NULL,  -- the company's country
    colour  VARCHAR CHECK (colour IS NULL OR regexp_full_match(colour, '#[0-9A-Fa-f]{6}')),  -- chip vendors
    parent  VARCHAR,            -- the group it belongs to (HiSilicon: Huawei); the company filter includes it
    parent_source_id VARCHAR,   -- the source that says so
    CHECK ((parent IS NULL) = (parent_source_id IS NULL))
);

CREATE TABLE metrics (
    metric      VARCHAR PRIMARY KEY,
    sector      VARCHAR NOT NULL CHECK (sector IN ('solar', 'ev', 'chips')),
    unit        VARCHAR NOT NULL,
    label       VARCHAR NOT NULL,
    description VARCHAR NOT NULL,
    colour      VARCHAR CHECK (colour IS NULL OR regexp_full_match(colour, '#[0-9A-Fa-f]{6}')),
    signed      BOOLEAN NOT NULL    -- may be negative (a profit that is a loss)
);

CREATE TABLE events (
    event_id       VARCHAR PRIMARY KEY CHECK (regexp_full_match(event_id, '[a-z0-9][a-z0-9-]*')),
    date           DATE NOT NULL CHECK (date BETWEEN DATE '2015-01-01' AND DATE '2030-12-31'),
    date_precision VARCHAR NOT NULL CHECK (date_precision IN ('day', 'month', 'year')),
    title          VARCHAR NOT NULL CHECK (length(trim(title)) > 0),
    category       VARCHAR NOT NULL REFERENCES event_categories (category),
    actor          VARCHAR NOT NULL,
    jurisdiction   VARCHAR NOT NULL REFERENCES jurisdictions (jurisdiction),
    summary        VARCHAR NOT NULL CHECK (length(trim(summary)) > 0),
    companies      VARCHAR[] NOT NULL,  -- canonical names from `companies`; see check_event_companies
    published_fr   DATE,                -- Federal Register (or official gazette) publication
    effective      DATE,                -- date the measure took legal effect
    fr_citation    VARCHAR CHECK (fr_citation IS NULL OR regexp_full_match(fr_citation, '\d+ FR \d+(; \d+ FR \d+)*')),
    key_event      BOOLEAN NOT NULL,    -- drawn as a marker on time-series charts
    confidence     VARCHAR NOT NULL CHECK (confidence IN ('confirmed', 'reported')),
    source_id      VARCHAR NOT NULL REFERENCES sources (source_id),
    note           VARCHAR,
    UNIQUE (date, title),
    -- An announcement comes first: a measure may take effect up to a week before it is announced (a rule
    -- effective on signature, announced days later), and is published on or after the announcement.
    CHECK (effective IS NULL OR effective >= date - INTERVAL 7 DAY),
    CHECK (published_fr IS NULL OR published_fr >= date)
);

CREATE TABLE chip_catalog (
    chip_id       VARCHAR PRIMARY KEY CHECK (regexp_full_match(chip_id, '[a-z0-9][a-z0-9-]*')),  -- lower-case slug
    vendor        VARCHAR NOT NULL REFERENCES companies (company),  -- the chip's designer
    name          VARCHAR NOT NULL UNIQUE,  -- the chip as its vendor names it
    family        VARCHAR NOT NULL,  -- the product family (Hopper, Ascend 910, ...)
    status        VARCHAR NOT NULL CHECK (status IN ('shipping', 'announced', 'roadmap')),  -- shipping, announced or roadmap
    china_variant BOOLEAN NOT NULL,  -- made to fit under US rules (A800, H800, H20, RTX 4090D, ...)
    datacenter    BOOLEAN NOT NULL,  -- designed or marketed for datacenters
    labelled      BOOLEAN NOT NULL,  -- named on the charts (the chips the story is about); others on hover
    compute_as    VARCHAR,           -- a chip of the same die and clocks whose throughput figures the rules use
    epoch_name    VARCHAR,           -- row of data/upstream/epoch_ml_hardware.csv to derive specs from
    source_id     VARCHAR NOT NULL REFERENCES sources (source_id),  -- the source of the chip's identity and flags; per-value sources are in chip_specs
    note          VARCHAR
);

-- One value per chip and attribute, each with its own source. Rows come from
-- data/chip_specs.csv (curated) and, for attributes it lacks, from the Epoch AI dataset.
CREATE TABLE chip_specs (
    chip_id    VARCHAR NOT NULL REFERENCES chip_catalog (chip_id),  -- the chip
    attribute  VARCHAR NOT NULL REFERENCES chip_attributes (attribute),  -- what the value is (chip_attributes: label, unit); throughput figures are dense, never with sparsity
    value_num  DOUBLE CHECK (value_num > 0 AND value_num < 1e6),  -- a number, in the attribute's unit; NULL when unknown, never guessed
    value_text VARCHAR,  -- a text value (process node, foundry, memory type, release date)
    confidence VARCHAR NOT NULL CHECK (confidence IN ('confirmed', 'reported', 'estimate')),  -- confirmed, reported or estimate; the chips view flags a chip with any estimate (has_estimates)
    source_id  VARCHAR NOT NULL REFERENCES sources (source_id),  -- the source of this one value
    note       VARCHAR,  -- how the value was read, and where sources disagree
    PRIMARY KEY (chip_id, attribute),
    CHECK ((value_num IS NULL) <> (value_text IS NULL))
);

CREATE TABLE adoption (
    record_id      VARCHAR PRIMARY KEY CHECK (regexp_full_match(record_id, '[a-z0-9][a-z0-9-]*')),  -- lower-case slug
    date           DATE NOT NULL CHECK (date BETWEEN DATE '2015-01-01' AND DATE '2030-12-31'),
    date_precision VARCHAR NOT NULL CHECK (date_precision IN ('day', 'month', 'quarter', 'year')),  -- day, month (date = the 1st), quarter or year
    company        VARCHAR NOT NULL REFERENCES companies (company),  -- the buyer or user; may be an aggregate where a source gives a market-wide figure
    vendor         VARCHAR NOT NULL REFERENCES companies (company),  -- the chipmaker; Chinese chip vendors (aggregate) where the source does not name it
    chip_id        VARCHAR REFERENCES chip_catalog (chip_id),  -- the chip in chip_catalog, where the chip is unambiguous
    chip_label     VARCHAR,  -- the chip as the source names it, also where it is not in chip_catalog
    kind           VARCHAR NOT NULL CHECK (kind IN ('order', 'deployment', 'training', 'inference',  -- order, deployment, training, inference, procurement, stockpile, restriction, plan or production
                                                    'procurement', 'stockpile', 'restriction',
                                                    'plan', 'production')),
    units          DOUBLE CHECK (units > 0),  -- a stated number of chips
    units_low      DOUBLE CHECK (units_low > 0),   -- a stated bound ("more than", "up to")
    units_high     DOUBLE CHECK (units_high > 0),  -- a stated upper bound
    value_usd      DOUBLE CHECK (value_usd > 0),  -- only where the source gives US dollars (a yuan figure stays in note)
    summary        VARCHAR NOT NULL CHECK (length(trim(summary)) > 0),  -- what happened, neutral, from the source
    confidence     VARCHAR NOT NULL CHECK (confidence IN ('confirmed', 'reported', 'estimate')),  -- confirmed, reported or estimate; estimates that sources disagree on are one row per source
    source_id      VARCHAR NOT NULL REFERENCES sources (source_id),  -- the record's main source; further ones in record_sources
    note           VARCHAR,
    CHECK (units_low IS NULL OR units_high IS NULL OR units_low <= units_high)
);

-- Long format: one value per row. `basis` names the statistical basis, so that series from
-- different bases (e.g. China's NEA capacity vs IRENA's) are never mixed on one line.
CREATE TABLE sector_stats (
    sector     VARCHAR NOT NULL CHECK (sector IN ('solar', 'ev', 'chips')),  -- solar, ev or chips
    metric     VARCHAR NOT NULL REFERENCES metrics (metric),  -- what is measured (metrics: label, unit)
    region     VARCHAR NOT NULL REFERENCES regions (region),  -- the country, bloc or World
    year       INTEGER NOT NULL CHECK (year BETWEEN 2010 AND 2030),  -- calendar year; Nvidia's metrics use its fiscal year (ends late January of that year)
    value      DOUBLE NOT NULL,  -- negative only for a signed metric (a loss), see check_sector_units
    unit       VARCHAR NOT NULL,  -- GW, TWh, vehicles, percent, USD, ...
    basis      VARCHAR NOT NULL,  -- the statistical basis (NEA AC, IEA PVPS DC, CAAM wholesale, ...): series of different bases are never drawn on one line
    confidence VARCHAR NOT NULL CHECK (confidence IN ('confirmed', 'reported', 'estimate', 'derived')),  -- confirmed, reported, estimate or derived (computed in derive.sql)
    source_id  VARCHAR NOT NULL REFERENCES sources (source_id),  -- the figure's source
    note       VARCHAR,
    -- 'year' for a whole (calendar or fiscal) year; a quarter, half or span of months for part of one,
    -- so a partial year is never drawn or compared as a whole one.
    period     VARCHAR NOT NULL CHECK (regexp_full_match(period, 'year|Q[1-4]|H[12]|[A-Z][a-z]{2}(-[A-Z][a-z]{2})?')),
    PRIMARY KEY (metric, region, year, period, basis),
    CHECK (unit <> 'percent' OR value <= 100)
);

-- The lists a government keeps of parties it restricts, US and Chinese.
CREATE TABLE listing_lists (
    list         VARCHAR PRIMARY KEY,
    label        VARCHAR NOT NULL,
    jurisdiction VARCHAR NOT NULL REFERENCES jurisdictions (jurisdiction),
    keeper       VARCHAR NOT NULL,  -- the agency that keeps it
    effect       VARCHAR NOT NULL   -- what a listing does, in a sentence
);

CREATE TABLE listing_sectors (
    sector VARCHAR PRIMARY KEY,
    label  VARCHAR NOT NULL,
    colour VARCHAR NOT NULL CHECK (regexp_full_match(colour, '#[0-9A-Fa-f]{6}')),
    sort   INTEGER NOT NULL UNIQUE
);

-- One row per listed entity and action (added, removed, modified). An affiliate group that a rule names in
-- bulk ("68 non-US affiliates of Huawei") is one row with entity_count. `event_id` is the round's event.
CREATE TABLE entity_listings (
    listing_id     VARCHAR PRIMARY KEY CHECK (regexp_full_match(listing_id, '[a-z0-9][a-z0-9-]*')),  -- lower-case slug
    entity         VARCHAR NOT NULL CHECK (length(trim(entity)) > 0),  -- the name as the list gives it; an editor's rendering of a Chinese-only source says so
    entity_zh      VARCHAR,           -- the Chinese name, where a source gives it
    aliases        VARCHAR[] NOT NULL,  -- other names the entity goes by
    parent_company VARCHAR REFERENCES companies (company),  -- the group it belongs to, where a source says so
    list           VARCHAR NOT NULL REFERENCES listing_lists (list),  -- which list (Entity List, Unverified, MEU, NS-CMIC, 1260H, Unreliable Entity List, export control list)
    action         VARCHAR NOT NULL CHECK (action IN ('added', 'removed', 'modified')),  -- added, removed or modified
    entity_count   INTEGER NOT NULL CHECK (entity_count >= 1),  -- 1, or the size of a group a rule names in bulk
    date           DATE NOT NULL CHECK (date BETWEEN DATE '2015-01-01' AND DATE '2030-12-31'),  -- the announcement date
    published_fr   DATE,  -- Federal Register publication date
    effective      DATE,  -- the date the listing took effect: it decides what was listed on a date
    fr_citation    VARCHAR CHECK (fr_citation IS NULL OR regexp_full_match(fr_citation, '\d+ FR \d+(; \d+ FR \d+)*')),  -- e.g. 88 FR 73458
    licence_policy VARCHAR,  -- what the listing restricts: a US licence review policy (presumption of denial, case-by-case) or China's measures (import/export ban, ...)
    fdpr_footnote  VARCHAR CHECK (fdpr_footnote IS NULL OR regexp_full_match(fdpr_footnote, 'footnote \d+')),  -- the Entity List footnote that extends the foreign direct product rule to it
    reason         VARCHAR,  -- why it was listed, as the rule or the source says
    sector         VARCHAR NOT NULL REFERENCES listing_sectors (sector),  -- what the entity does (listing_sectors)
    event_id       VARCHAR REFERENCES events (event_id),  -- the round's event, matched by date (within three days) and list
    confidence     VARCHAR NOT NULL CHECK (confidence IN ('confirmed', 'reported', 'uncertain')),  -- confirmed (the government's document or two consistent reports), reported (one report), uncertain (the note says why)
    source_id      VARCHAR NOT NULL REFERENCES sources (source_id),  -- the row's main source; further ones in record_sources
    note           VARCHAR,
    CHECK (published_fr IS NULL OR published_fr >= date),
    CHECK (effective IS NULL OR effective >= date - INTERVAL 7 DAY)
);

-- Logic processes, China's and the leading edge's, with the product each was found in or first shipped in.
-- `date` is the volume-production date where a source gives one (date_kind volume), else the first product's.
CREATE TABLE process_nodes (
    node_id        VARCHAR PRIMARY KEY CHECK (regexp_full_match(node_id, '[a-z0-9][a-z0-9-]*')),
    maker          VARCHAR NOT NULL,  -- SMIC, or the leading edge's TSMC, Samsung, Intel
    name           VARCHAR NOT NULL,  -- the process as its maker or the source names it
    class_nm       INTEGER NOT NULL CHECK (class_nm BETWEEN 1 AND 90),  -- the node class in nanometres
    first_product  VARCHAR,  -- the first product found made on it
    date           DATE NOT NULL,  -- volume production where a source gives it (date_kind volume), else the first product's
    date_precision VARCHAR NOT NULL CHECK (date_precision IN ('day', 'month', 'quarter', 'half', 'year')),
    date_kind      VARCHAR NOT NULL CHECK (date_kind IN ('volume', 'first_product')),  -- volume or first_product
    planned        BOOLEAN NOT NULL,  -- a plan or an unconfirmed report, not a process in production
    evidence       VARCHAR NOT NULL CHECK (evidence IN ('teardown', 'company statement', 'analyst claim')),  -- teardown, company statement or analyst claim
    euv            BOOLEAN,  -- made with EUV lithography, where a source says
    confidence     VARCHAR NOT NULL CHECK (confidence IN ('confirmed', 'reported', 'estimate')),  -- confirmed, reported or estimate: claims (SMIC's 5 nm class) are estimates; where one source claims and another denies, both are rows
    source_id      VARCHAR NOT NULL REFERENCES sources (source_id),
    note           VARCHAR
);

-- Huawei's phone (and laptop) chips: where and on which process each was made, as teardowns found.
CREATE TABLE phone_socs (
    soc_id         VARCHAR PRIMARY KEY CHECK (regexp_full_match(soc_id, '[a-z0-9][a-z0-9-]*')),
    chip           VARCHAR NOT NULL,  -- Huawei's Kirin chip
    foundry        VARCHAR NOT NULL,  -- as the evidence gives it
    node           VARCHAR NOT NULL,  -- the process, as the evidence gives it
    die_area_mm2   DOUBLE CHECK (die_area_mm2 > 0),  -- NULL where not found (Kirin 9010, 9020, 9030)
    device         VARCHAR NOT NULL,  -- the phone it was found in
    date           DATE,              -- the device's launch
    date_precision VARCHAR CHECK (date_precision IN ('day', 'month', 'quarter', 'half', 'year')),
    evidence       VARCHAR NOT NULL,  -- a teardown (and by whom) or a company statement
    source_id      VARCHAR NOT NULL REFERENCES sources (source_id),
    note           VARCHAR,
    CHECK ((date IS NULL) = (date_precision IS NULL))
);

-- Licensing turns on named chips: US licence requirements and policies, and Chinese purchase guidance. A
-- chip's licensing status on a date is its latest turn on or before it, on each side.
CREATE TABLE licensing_statuses (
    status      VARCHAR PRIMARY KEY,
    label       VARCHAR NOT NULL,
    description VARCHAR NOT NULL
);

CREATE TABLE licensing_turns (
    chip_id      VARCHAR NOT NULL REFERENCES chip_catalog (chip_id),
    date         DATE NOT NULL,     -- when the turn took effect, or was announced where no later date is known
    jurisdiction VARCHAR NOT NULL CHECK (jurisdiction IN ('United States', 'China')),  -- whose turn: the US licence requirement or policy, or China's purchase guidance
    status       VARCHAR NOT NULL REFERENCES licensing_statuses (status),  -- the chip's licensing status from this date (licensing_statuses)
    terms        VARCHAR NOT NULL,  -- the conditions, as the source gives them
    source_id    VARCHAR NOT NULL REFERENCES sources (source_id),
    PRIMARY KEY (chip_id, date, jurisdiction)
);

-- Further sources of a record beyond its main source_id: the issuer's own document (role primary) or
-- reporting and analysis (secondary). record_id is the record's key; a composite key is written with '/'
-- between its parts (chip_specs: chip_id/attribute; sector_stats: metric/region/year/period/basis). A record's
-- every source is in the citations view (data/views.sql).
CREATE TABLE record_sources (
    record_table VARCHAR NOT NULL CHECK (record_table IN ('events', 'adoption', 'chip_specs', 'chip_catalog',
                                                         'sector_stats', 'rules', 'rule_paragraphs',
                                                         'entity_listings', 'process_nodes', 'phone_socs')),
    record_id    VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL REFERENCES sources (source_id),
    role         VARCHAR NOT NULL CHECK (role IN ('primary', 'secondary')),
    supports     VARCHAR,  -- what the source states, where it is not the whole record ("published_fr", "the date")
    PRIMARY KEY (record_table, record_id, source_id)
);

-- Versions of the US advanced-computing thresholds (ECCN 3A090) and their paragraphs. A version
-- that `inherits` keeps every paragraph of the version it names and adds its own.
CREATE TABLE rules (
    rule_id      VARCHAR PRIMARY KEY CHECK (regexp_full_match(rule_id, 'us-\d{4}-\d{2}')),  -- one version of the US advanced-computing thresholds (ECCN 3A090): us-YYYY-MM of its announcement
    title        VARCHAR NOT NULL,
    announced    DATE NOT NULL,  -- the announcement date
    published_fr DATE,  -- Federal Register publication date
    effective    DATE,  -- the date it took effect: the checker's 'in force on a date' uses it
    fr_citation  VARCHAR CHECK (fr_citation IS NULL OR regexp_full_match(fr_citation, '\d+ FR \d+')),  -- e.g. 87 FR 62186
    inherits     VARCHAR REFERENCES rules (rule_id),  -- the version whose paragraphs this one keeps
    summary      VARCHAR NOT NULL,
    headline     VARCHAR NOT NULL,  -- the checker map's title under this version
    source_id    VARCHAR NOT NULL REFERENCES sources (source_id)
);

-- One threshold paragraph: every bound that is set must hold (min: value >= bound; below:
-- value < bound). `scope` datacenter: only for chips designed or marketed for datacenters.
-- `outcome` controlled: the chip falls under the paragraph; case_by_case: a licence review
-- policy for chips that another paragraph controls.
CREATE TABLE rule_paragraphs (
    rule_id              VARCHAR NOT NULL REFERENCES rules (rule_id),
    paragraph            VARCHAR NOT NULL,  -- the paragraph of the rule (3A090.a, 3A090.b, ...)
    outcome              VARCHAR NOT NULL CHECK (outcome IN ('controlled', 'case_by_case')),  -- controlled, or case_by_case: a licence review policy for chips another paragraph controls
    scope                VARCHAR NOT NULL CHECK (scope IN ('any', 'datacenter')),  -- any chip, or datacenter: only chips designed or marketed for datacenters
    tpp_min              DOUBLE CHECK (tpp_min > 0),  -- every bound that is set must hold: *_min means value >= bound
    tpp_below            DOUBLE CHECK (tpp_below > 0),  -- *_below means value < bound
    pd_min               DOUBLE CHECK (pd_min > 0),  -- performance density (TPP per mm² of die), at least
    pd_below             DOUBLE CHECK (pd_below > 0),  -- performance density, below
    interconnect_min_gbs DOUBLE CHECK (interconnect_min_gbs > 0),  -- chip-to-chip bandwidth, at least
    dram_bw_below_gbs    DOUBLE CHECK (dram_bw_below_gbs > 0),  -- memory (DRAM) bandwidth, below
    wording              VARCHAR NOT NULL,  -- the text relied on, quoted from the source
    source_id            VARCHAR NOT NULL REFERENCES sources (source_id),
    note                 VARCHAR,
    PRIMARY KEY (rule_id, paragraph),
    CHECK (tpp_min IS NULL OR tpp_below IS NULL OR tpp_min < tpp_below),
    CHECK (pd_min IS NULL OR pd_below IS NULL OR pd_min < pd_below),
    CHECK (coalesce(tpp_min, tpp_below, pd_min, pd_below, interconnect_min_gbs, dram_bw_below_gbs) IS NOT NULL)
);

-- Licence exceptions that come with a rule version (and the versions that inherit it): a controlled chip is
-- eligible unless it is of `excludes_scope` and controlled under `excludes_paragraph`.
CREATE TABLE licence_exceptions (
    rule_id            VARCHAR NOT NULL REFERENCES rules (rule_id),
    exception          VARCHAR NOT NULL,
    excludes_paragraph VARCHAR NOT NULL,
    excludes_scope     VARCHAR NOT NULL CHECK (excludes_scope IN ('any', 'datacenter')),
    notice_days        INTEGER CHECK (notice_days > 0),
    destinations       VARCHAR NOT NULL,
    wording            VARCHAR NOT NULL,
    source_id          VARCHAR NOT NULL REFERENCES sources (source_id),
    note               VARCHAR,
    PRIMARY KEY (rule_id, exception)
);

-- The Section 232 tariff bands of January 2026 on advanced chips (bounds strict: above < value < below).
CREATE TABLE tariff_bands (
    band              VARCHAR PRIMARY KEY,
    tpp_above         DOUBLE NOT NULL,
    tpp_below         DOUBLE NOT NULL,
    dram_bw_above_gbs DOUBLE NOT NULL,
    dram_bw_below_gbs DOUBLE NOT NULL,
    rate_pct          DOUBLE NOT NULL CHECK (rate_pct > 0 AND rate_pct <= 100),
    announced         DATE NOT NULL,
    effective         DATE NOT NULL,
    wording           VARCHAR NOT NULL,
    source_id         VARCHAR NOT NULL REFERENCES sources (source_id),
    note              VARCHAR,
    CHECK (tpp_above < tpp_below AND dram_bw_above_gbs < dram_bw_below_gbs),
    CHECK (effective >= announced)
);

-- Filled by the build from dashboard/rules.py (the one implementation of the formulas), from
-- the chips view and rule_paragraphs. `controlled` NULL = undetermined (an input is unknown).
CREATE TABLE rule_status (
    chip_id             VARCHAR NOT NULL REFERENCES chip_catalog (chip_id),
    rule_id             VARCHAR NOT NULL REFERENCES rules (rule_id),
    tpp                 DOUBLE,
    performance_density DOUBLE,
    controlled          BOOLEAN,
    eccn                VARCHAR,
    reason              VARCHAR NOT NULL,
    licence_policy      VARCHAR,
    licence_exception   VARCHAR,  -- e.g. NAC: notify BIS 25 days ahead
    PRIMARY KEY (chip_id, rule_id),
    CHECK ((controlled IS TRUE) = (eccn IS NOT NULL))
);

-- Filled by the build from dashboard/rules.py: the paragraphs in force under each version, inherited
-- ones included.
CREATE TABLE rule_version_paragraphs (
    rule_id           VARCHAR NOT NULL REFERENCES rules (rule_id),
    paragraph_rule_id VARCHAR NOT NULL,
    paragraph         VARCHAR NOT NULL,
    PRIMARY KEY (rule_id, paragraph_rule_id, paragraph),
    FOREIGN KEY (paragraph_rule_id, paragraph) REFERENCES rule_paragraphs (rule_id, paragraph)
);

CREATE VIEW chip_rule_status AS
SELECT s.chip_id, s.rule_id, s.tpp, s.performance_density, s.controlled, s.eccn, s.reason, s.licence_policy,
       s.licence_exception, c.name, c.vendor, c.china_variant, c.datacenter
FROM rule_status s JOIN chip_catalog c USING (chip_id);

-- The pivoted chip table the pages and users' notebooks read.
CREATE VIEW chips AS
SELECT
    c.chip_id, c.vendor, c.name, c.family, c.status,
    CAST(max(s.value_text) FILTER (s.attribute = 'release_date') AS DATE) AS release_date,
    c.china_variant, c.datacenter,
    max(s.value_text) FILTER (s.attribute = 'process_node')     AS process_node,
    max(s.value_text) FILTER (s.attribute = 'foundry')          AS foundry,
    max(s.value_num)  FILTER (s.attribute = 'fp16_tflops')      AS fp16_tflops,
    max(s.value_num)  FILTER (s.attribute = 'fp8_tflops')       AS fp8_tflops,
    max(s.value_num)  FILTER (s.attribute = 'int8_tops')        AS int8_tops,
    max(s.value_num)  FILTER (s.attribute = 'memory_gb')        AS memory_gb,
    max(s.value_text) FILTER (s.attribute = 'memory_type')      AS memory_type,
    max(s.value_num)  FILTER (s.attribute = 'memory_bw_gbs')    AS memory_bw_gbs,
    max(s.value_num)  FILTER (s.attribute = 'interconnect_gbs') AS interconnect_gbs,
    max(s.value_num)  FILTER (s.attribute = 'tdp_w')            AS tdp_w,
    max(s.value_num)  FILTER (s.attribute = 'die_area_mm2')     AS die_area_mm2,
    max(s.value_num)  FILTER (s.attribute = 'transistors_bn')   AS transistors_bn,
    bool_or(s.confidence = 'estimate')                          AS has_estimates,
    c.source_id
FROM chip_catalog c
LEFT JOIN chip_specs s USING (chip_id)
GROUP BY ALL;

-- Each check_* view returns (tbl, key, problem): the table, the first-column key of the row
-- at fault, and what is wrong with it.
CREATE VIEW check_event_companies AS
SELECT 'events' AS tbl, e.event_id AS key, 'unknown company ' || u.company || ' in companies' AS problem
FROM events e, unnest(e.companies) AS u(company)
WHERE u.company NOT IN (SELECT company FROM companies);

CREATE VIEW check_chip_value_type AS
SELECT 'chip_specs' AS tbl, s.chip_id AS key,
       format('{} is a {} attribute, but the row has {}', s.attribute, a.value_type,
              CASE WHEN s.value_num IS NOT NULL THEN 'a number' ELSE 'text ' || s.value_text END) AS problem
FROM chip_specs s JOIN chip_attributes a USING (attribute)
WHERE (a.value_type = 'number') <> (s.value_num IS NOT NULL)
   OR (a.value_type = 'date' AND try_cast(s.value_text AS DATE) IS NULL);

CREATE VIEW check_company_parent AS
SELECT 'companies' AS tbl, c.company AS key, 'unknown parent ' || c.parent || ' in companies' AS problem
FROM companies c WHERE c.parent IS NOT NULL AND c.parent NOT IN (SELECT company FROM companies)
UNION ALL
SELECT 'companies', c.company, 'unknown parent_source_id ' || c.parent_source_id
FROM companies c WHERE c.parent_source_id IS NOT NULL AND c.parent_source_id NOT IN (SELECT source_id FROM sources)
UNION ALL
SELECT 'chip_catalog', k.chip_id, 'compute_as ' || k.compute_as || ' is not a chip in chip_catalog'
FROM chip_catalog k WHERE k.compute_as IS NOT NULL AND k.compute_as NOT IN (SELECT chip_id FROM chip_catalog);

CREATE VIEW check_sector_units AS
SELECT 'sector_stats' AS tbl, NULL AS key,
       format('{} {} {}: unit {} and sector {}, but metric {} is in {} of sector {}',
              s.metric, s.region, s.year, s.unit, s.sector, s.metric, m.unit, m.sector) AS problem
FROM sector_stats s JOIN metrics m USING (metric)
WHERE s.unit <> m.unit OR s.sector <> m.sector
UNION ALL
SELECT 'sector_stats', NULL, format('{} {} {}: value {} is negative, but {} is not a signed metric', s.metric, s.region,
                                    s.year, s.value, s.metric)
FROM sector_stats s JOIN metrics m USING (metric)
WHERE s.value < 0 AND NOT m.signed;

CREATE VIEW check_adoption_chip AS
SELECT 'adoption' AS tbl, a.record_id AS key,
       format('vendor {} but chip {} is made by {}', a.vendor, a.chip_id, c.vendor) AS problem
FROM adoption a JOIN chip_catalog c USING (chip_id)
WHERE a.vendor <> c.vendor;

-- The data release, written by the build from data/release.toml: its version, the newest dated record
-- and the date through which the stored sources were searched.
CREATE TABLE release_info (
    version         VARCHAR NOT NULL CHECK (regexp_full_match(version, '\d{4}\.\d{1,2}\.\d+')),
    newest_record   DATE NOT NULL,
    checked_through DATE NOT NULL,
    built_at        TIMESTAMP NOT NULL,
    CHECK (newest_record <= checked_through)
);
