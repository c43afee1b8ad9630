-- The shapes the pages read, as named views: each fact table joined once to its sources, labels and
-- colours. Run by `python -m dashboard.build` after the tables are loaded and derived. Users' notebooks
-- can read the same views. `source_ids` lists every source of a row, primary sources first.

-- Every (record, source) pair: the record's main source_id, and the further sources in record_sources.
-- `is_primary`: the source is the record's issuer's own document (its kind says so for a main source, the
-- role for a further one).
-- record_id is the table's key, with the parts of a composite key joined by '/'.
CREATE VIEW citations AS
WITH main AS (
    SELECT 'events' AS record_table, event_id AS record_id, source_id FROM events
    UNION ALL SELECT 'adoption', record_id, source_id FROM adoption
    UNION ALL SELECT 'chip_specs', chip_id || '/' || attribute, source_id FROM chip_specs
    UNION ALL SELECT 'chip_catalog', chip_id, source_id FROM chip_catalog
    UNION ALL SELECT 'sector_stats', metric || '/' || region || '/' || year || '/' || period || '/' || basis, source_id
              FROM sector_stats
    UNION ALL SELECT 'rules', rule_id, source_id FROM rules
    UNION ALL SELECT 'rule_paragraphs', rule_id || '/' || paragraph, source_id FROM rule_paragraphs
    UNION ALL SELECT 'entity_listings', listing_id, source_id FROM entity_listings
    UNION ALL SELECT 'process_nodes', node_id, source_id FROM process_nodes
    UNION ALL SELECT 'phone_socs', soc_id, source_id FROM phone_socs
)
SELECT m.record_table, m.record_id, m.source_id, k.is_primary, true AS main
FROM main m JOIN sources s USING (source_id) JOIN source_kinds k USING (kind)
UNION ALL
SELECT r.record_table, r.record_id, r.source_id, r.role = 'primary', false
FROM record_sources r;

-- One list per record, primary sources first, then the main source, then by id (a stable order).
CREATE VIEW record_source_list AS
SELECT record_table, record_id, list(source_id ORDER BY NOT is_primary, NOT main, source_id) AS source_ids
FROM (SELECT DISTINCT ON (record_table, record_id, source_id) * FROM citations
      ORDER BY record_table, record_id, source_id, main DESC)
GROUP BY ALL;

-- The first primary source of each record that has one (tables show it beside the main source).
CREATE VIEW record_primary AS
SELECT c.record_table, c.record_id, first(s.url ORDER BY NOT c.main, s.source_id) AS primary_url,
       first(s.publisher ORDER BY NOT c.main, s.source_id) AS primary_publisher
FROM citations c JOIN sources s USING (source_id)
WHERE c.is_primary
GROUP BY ALL;

CREATE VIEW sources_cited AS
SELECT s.source_id, s.title, s.publisher, s.url, s.published, s.kind, k.label AS kind_label, k.is_primary,
       s.licence, s.note,
       (SELECT count(DISTINCT (c.record_table, c.record_id)) FROM citations c WHERE c.source_id = s.source_id)
           AS rows_cited
FROM sources s JOIN source_kinds k USING (kind);

CREATE VIEW events_cited AS
SELECT e.event_id, e.date, e.date_precision, e.title, e.category, c.label AS category_label,
       c.thread, t.label AS thread_label, t.colour AS thread_colour, e.actor, e.jurisdiction,
       j.colour AS jurisdiction_colour, e.summary, e.companies AS company_list,
       array_to_string(e.companies, ', ') AS companies, e.published_fr, e.effective, e.fr_citation, e.key_event,
       e.confidence, e.source_id, s.title AS source_title, s.publisher, s.url AS source_url, l.source_ids,
       p.primary_url, p.primary_publisher, e.note
FROM events e
JOIN event_categories c USING (category)
JOIN threads t USING (thread)
JOIN jurisdictions j USING (jurisdiction)
JOIN sources s USING (source_id)
JOIN record_source_list l ON l.record_table = 'events' AND l.record_id = e.event_id
LEFT JOIN record_primary p ON p.record_table = 'events' AND p.record_id = e.event_id;

CREATE VIEW adoption_cited AS
SELECT a.*, v.colour AS vendor_colour, s.publisher, s.title AS source_title, s.url AS source_url, l.source_ids,
       p.primary_url, p.primary_publisher
FROM adoption a
JOIN companies v ON v.company = a.vendor
JOIN sources s USING (source_id)
JOIN record_source_list l ON l.record_table = 'adoption' AND l.record_id = a.record_id
LEFT JOIN record_primary p ON p.record_table = 'adoption' AND p.record_id = a.record_id;

CREATE VIEW sector_cited AS
SELECT st.sector, st.metric, m.label AS metric_label, m.colour AS metric_colour, st.region,
       r.colour AS region_colour, st.year, st.period, st.period = 'year' AS full_year, st.value, st.unit, st.basis,
       st.confidence, st.source_id,
       s.publisher, s.title AS source_title, s.url AS source_url, l.source_ids, st.note
FROM sector_stats st
JOIN metrics m USING (metric)
JOIN regions r USING (region)
JOIN sources s USING (source_id)
JOIN record_source_list l
  ON l.record_table = 'sector_stats'
 AND l.record_id = st.metric || '/' || st.region || '/' || st.year || '/' || st.period || '/' || st.basis;

-- Chips with what the charts print: a short name without the vendor, the label shown next to a marker
-- (for the chips the story is about), the vendor's colour and hover fragments.
CREATE VIEW chips_labelled AS
SELECT c.*, year(c.release_date) AS release_year, v.colour AS vendor_colour,
       regexp_replace(c.name, '^(Nvidia|Huawei|AMD) (GeForce )?', '') AS short_name,
       CASE WHEN k.labelled THEN regexp_replace(c.name, '^(Nvidia|Huawei|AMD) (GeForce )?', '') ELSE '' END AS label,
       CASE WHEN c.china_variant THEN ' · China variant' ELSE '' END AS china_label,
       CASE WHEN c.has_estimates THEN ' · includes estimates' ELSE '' END AS estimate_label
FROM chips c
JOIN chip_catalog k USING (chip_id)
JOIN companies v ON v.company = c.vendor;

-- One cited value per chip and attribute, long format (the comparison chart and the figures table).
CREATE VIEW chip_values AS
SELECT s.chip_id, c.name, c.vendor, c.vendor_colour, s.attribute, a.label AS attribute_label, a.sort,
       a.compare, s.value_num, s.value_text,
       coalesce(CAST(s.value_num AS VARCHAR), s.value_text) AS value, s.confidence, s.note,
       s.source_id, src.publisher, src.title AS source_title, src.url AS source_url, l.source_ids,
       p.primary_url, p.primary_publisher
FROM chip_specs s
JOIN chips_labelled c USING (chip_id)
JOIN chip_attributes a USING (attribute)
JOIN sources src ON src.source_id = s.source_id
JOIN record_source_list l ON l.record_table = 'chip_specs' AND l.record_id = s.chip_id || '/' || s.attribute
LEFT JOIN record_primary p ON p.record_table = 'chip_specs' AND p.record_id = s.chip_id || '/' || s.attribute;

-- A chip's status under each rule version with the sources of the figures the rules read and of the rule.
CREATE VIEW chip_rule_map AS
SELECT st.*, c.release_date, c.release_year, c.has_estimates, c.short_name, c.label, c.vendor_colour, c.memory_bw_gbs,
       r.title AS rule_title, r.headline AS rule_headline,
       list_distinct(flatten([coalesce(f.source_ids, []), rl.source_ids])) AS source_ids
FROM chip_rule_status st
JOIN chips_labelled c USING (chip_id)
JOIN rules r USING (rule_id)
JOIN record_source_list rl ON rl.record_table = 'rules' AND rl.record_id = st.rule_id
LEFT JOIN (
    SELECT v.chip_id, flatten(list(v.source_ids)) AS source_ids
    FROM chip_values v JOIN chip_attributes a USING (attribute)
    WHERE a.rule_input
    GROUP BY v.chip_id
) f USING (chip_id);

-- The threshold paragraphs in force under each rule version (its own and inherited ones, as resolved by
-- dashboard/rules.py into rule_version_paragraphs), with their sources.
CREATE VIEW rule_zones AS
SELECT v.rule_id AS version_id, p.*, s.title AS source_title, s.publisher, s.url AS source_url, l.source_ids
FROM rule_version_paragraphs v
JOIN rule_paragraphs p ON p.rule_id = v.paragraph_rule_id AND p.paragraph = v.paragraph
JOIN sources s ON s.source_id = p.source_id
JOIN record_source_list l ON l.record_table = 'rule_paragraphs' AND l.record_id = p.rule_id || '/' || p.paragraph;

CREATE VIEW rules_cited AS
SELECT r.*, s.title AS source_title, s.publisher, s.url AS source_url, l.source_ids
FROM rules r
JOIN sources s USING (source_id)
JOIN record_source_list l ON l.record_table = 'rules' AND l.record_id = r.rule_id;

-- The rules no CHECK can express for record_sources: the record exists, and a primary source is of a
-- primary kind (the issuer's own document; a company's filing may still be a secondary source of a
-- government's action).
CREATE VIEW check_record_sources AS
SELECT 'record_sources' AS tbl, r.record_table AS key,
       format('{} {} is not a record of that table', r.record_table, r.record_id) AS problem
FROM record_sources r
WHERE NOT EXISTS (SELECT 1 FROM citations c WHERE c.main AND c.record_table = r.record_table
                  AND c.record_id = r.record_id)
UNION ALL
SELECT 'record_sources', r.record_table,
       format('{} {}: source {} is a {} source but its role is {}', r.record_table, r.record_id, r.source_id,
              s.kind, r.role)
FROM record_sources r JOIN sources s USING (source_id) JOIN source_kinds k USING (kind)
WHERE r.role = 'primary' AND NOT k.is_primary;

CREATE VIEW listings_cited AS
SELECT l.*, array_to_string(l.aliases, '; ') AS alias_text, ll.label AS list_label, ll.jurisdiction, ll.keeper,
       j.colour AS jurisdiction_colour, sc.label AS sector_label, sc.colour AS sector_colour, sc.sort AS sector_sort,
       date_trunc('quarter', l.date) AS quarter, s.title AS source_title, s.publisher, s.url AS source_url, r.source_ids,
       p.primary_url, p.primary_publisher, year(l.date) AS year
FROM entity_listings l
JOIN listing_lists ll USING (list)
JOIN listing_sectors sc USING (sector)
JOIN jurisdictions j USING (jurisdiction)
JOIN sources s USING (source_id)
JOIN record_source_list r ON r.record_table = 'entity_listings' AND r.record_id = l.listing_id
LEFT JOIN record_primary p ON p.record_table = 'entity_listings' AND p.record_id = l.listing_id;

CREATE VIEW licensing_cited AS
SELECT t.*, st.label AS status_label, c.name, c.vendor, s.title AS source_title, s.publisher, s.url AS source_url
FROM licensing_turns t
JOIN licensing_statuses st USING (status)
JOIN chip_catalog c USING (chip_id)
JOIN sources s ON s.source_id = t.source_id;

-- A company and the companies of its group (its own row, and those naming it as parent).
CREATE VIEW company_members AS
SELECT company AS company, company AS member FROM companies
UNION ALL
SELECT parent, company FROM companies WHERE parent IS NOT NULL;

CREATE VIEW nodes_cited AS
SELECT n.*, s.title AS source_title, s.publisher, s.url AS source_url, r.source_ids
FROM process_nodes n
JOIN sources s USING (source_id)
JOIN record_source_list r ON r.record_table = 'process_nodes' AND r.record_id = n.node_id;

CREATE VIEW socs_cited AS
SELECT p.*, s.title AS source_title, s.publisher, s.url AS source_url, r.source_ids
FROM phone_socs p
JOIN sources s USING (source_id)
JOIN record_source_list r ON r.record_table = 'phone_socs' AND r.record_id = p.soc_id;
