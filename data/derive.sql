-- Series derived from the upstream datasets copied into data/upstream/ (provenance and licences
-- in data/README.md). Run by `python -m dashboard.build` after the curated CSVs are loaded, with
-- file_search_path set to data/upstream. Curated rows always win: a derived value is only added
-- where the curated data has none for the same key.

-- Chip specifications from Epoch AI's "Data on Machine Learning Hardware" (CC BY), for every
-- chip in chip_catalog that names its Epoch row. Epoch records dense (non-sparse) tensor peaks.
CREATE TEMP TABLE epoch_hardware AS
SELECT * FROM read_csv('epoch_ml_hardware.csv', header = true, all_varchar = true);

CREATE TEMP TABLE epoch_values AS
SELECT c.chip_id, v.attribute, v.value_num, v.value_text, v.epoch_column
FROM chip_catalog c
JOIN epoch_hardware e ON e."Hardware name" = c.epoch_name,
LATERAL (VALUES
    ('release_date', NULL, e."Release date", 'Release date'),
    ('fp16_tflops', try_cast(e."Tensor-FP16/BF16 performance (FLOP/s)" AS DOUBLE) / 1e12, NULL,
     'Tensor-FP16/BF16 performance (FLOP/s)'),
    ('fp8_tflops', try_cast(e."FP8 performance (FLOP/s)" AS DOUBLE) / 1e12, NULL, 'FP8 performance (FLOP/s)'),
    ('int8_tops', try_cast(e."INT8 performance (OP/s)" AS DOUBLE) / 1e12, NULL, 'INT8 performance (OP/s)'),
    ('memory_gb', try_cast(e."Memory (bytes)" AS DOUBLE) / 1e9, NULL, 'Memory (bytes)'),
    ('memory_bw_gbs', try_cast(e."Memory bandwidth (byte/s)" AS DOUBLE) / 1e9, NULL, 'Memory bandwidth (byte/s)'),
    ('interconnect_gbs', try_cast(e."Intranode bandwidth (byte/s)" AS DOUBLE) / 1e9, NULL,
     'Intranode bandwidth (byte/s)'),
    ('tdp_w', try_cast(e."TDP (W)" AS DOUBLE), NULL, 'TDP (W)'),
    ('die_area_mm2', try_cast(e."Die Size (mm^2)" AS DOUBLE), NULL, 'Die Size (mm^2)'),
    ('transistors_bn', try_cast(e."Transistors (millions)" AS DOUBLE) / 1e3, NULL, 'Transistors (millions)'),
    ('foundry', NULL, nullif(trim(e."Foundry"), ''), 'Foundry'),
    ('process_node', NULL, nullif(trim(e."Process size (nm)"), '') || ' nm', 'Process size (nm)')
) AS v(attribute, value_num, value_text, epoch_column)
WHERE v.value_num IS NOT NULL OR v.value_text IS NOT NULL;

-- A curated figure that the Epoch dataset states too (numbers within 1%, the same release day, the same
-- node or foundry) is cited to Epoch as a further, primary source (a published dataset).
INSERT INTO record_sources
SELECT 'chip_specs', s.chip_id || '/' || s.attribute, 'epoch-ml-hardware', 'primary',
       'Epoch AI states the same value (column: ' || v.epoch_column || ')'
FROM chip_specs s
JOIN epoch_values v USING (chip_id, attribute)
WHERE s.source_id <> 'epoch-ml-hardware'
  AND (abs(s.value_num - v.value_num) <= 0.01 * v.value_num
       OR try_cast(s.value_text AS DATE) = try_cast(v.value_text AS DATE)
       OR (s.attribute IN ('process_node', 'foundry') AND lower(s.value_text) = lower(v.value_text)));

INSERT INTO chip_specs
SELECT v.chip_id, v.attribute, v.value_num, v.value_text, 'reported', 'epoch-ml-hardware',
       'Epoch AI column: ' || v.epoch_column
FROM epoch_values v
WHERE NOT EXISTS (SELECT 1 FROM chip_specs s WHERE s.chip_id = v.chip_id AND s.attribute = v.attribute);

-- Solar generation and share of electricity: OWID energy dataset (Ember, Energy Institute).
INSERT INTO sector_stats
SELECT 'solar', m.metric, r.region, CAST(o.year AS INTEGER), m.value, m.unit,
       'Ember and Energy Institute via OWID', 'reported', 'owid-energy', NULL, 'year'
FROM read_csv('owid_energy_subset.csv', header = true, all_varchar = true) o
JOIN regions r ON r.owid_entity = o.country,
LATERAL (VALUES
    ('solar_generation_twh', try_cast(o.solar_electricity AS DOUBLE), 'TWh'),
    ('solar_share_elec_pct', try_cast(o.solar_share_elec AS DOUBLE), 'percent')
) AS m(metric, value, unit)
WHERE CAST(o.year AS INTEGER) >= 2015 AND m.value IS NOT NULL;

-- Installed solar capacity at year end (IRENA via OWID), and the additions it implies.
CREATE TEMP TABLE irena_capacity AS
SELECT r.region, CAST(c."Year" AS INTEGER) AS year,
       CAST(c."Solar capacity (total) (GW)" AS DOUBLE) AS gw
FROM read_csv('owid_installed_solar_pv_capacity.csv', header = true, all_varchar = true) c
JOIN regions r ON r.owid_entity = c."Entity"
WHERE CAST(c."Year" AS INTEGER) >= 2014;

INSERT INTO sector_stats
SELECT 'solar', 'pv_cumulative_gw', region, year, gw, 'GW', 'IRENA via OWID', 'reported',
       'owid-solar-capacity', NULL, 'year'
FROM irena_capacity WHERE year >= 2015;

INSERT INTO sector_stats
SELECT 'solar', 'pv_added_gw', region, year, added, 'GW', 'IRENA via OWID', 'derived',
       'owid-solar-capacity', 'Difference of year-end capacity; retirements and revisions make it differ from reported additions.',
       'year'
FROM (
    SELECT region, year, gw - lag(gw) OVER (PARTITION BY region ORDER BY year) AS added,
           year - lag(year) OVER (PARTITION BY region ORDER BY year) AS gap
    FROM irena_capacity
)
WHERE year >= 2015 AND gap = 1 AND added >= 0;

-- Electric car sales and share of new cars (IEA Global EV Outlook via OWID).
INSERT INTO sector_stats
SELECT 'ev', 'ev_car_sales', r.region, CAST(s."Year" AS INTEGER), CAST(s."Electric cars sold" AS DOUBLE),
       'vehicles', 'IEA via OWID', 'reported', 'owid-ev', NULL, 'year'
FROM read_csv('owid_electric_car_sales.csv', header = true, all_varchar = true) s
JOIN regions r ON r.owid_entity = s."Entity"
WHERE CAST(s."Year" AS INTEGER) >= 2015;

INSERT INTO sector_stats
SELECT 'ev', 'ev_car_share_pct', r.region, CAST(s."Year" AS INTEGER),
       CAST(s."Share of new cars that are electric" AS DOUBLE), 'percent', 'IEA via OWID', 'reported',
       'owid-ev', NULL, 'year'
FROM read_csv('owid_electric_car_sales_share.csv', header = true, all_varchar = true) s
JOIN regions r ON r.owid_entity = s."Entity"
WHERE CAST(s."Year" AS INTEGER) >= 2015;

-- Taiwan's integrated-circuit exports to mainland China and Hong Kong (Taiwan customs, HS 8542 lines
-- summed per year). 2025 is a partial year whose months the file does not state, so it is left out.
INSERT INTO sector_stats
SELECT 'chips', 'taiwan_ic_exports_usd', d.region, t."Year", sum(t."Export Value (USD)"), 'USD',
       'Taiwan customs, HS 8542, to the region', 'derived', 'taiwan-customs-ic-exports',
       'Sum of the 11-digit HS 8542 lines of the year.', 'year'
FROM read_csv('taiwan_exports_by_country_2013_2025.csv', header = true) t
JOIN (VALUES ('中國大陸', 'China'), ('香港', 'Hong Kong')) AS d(country, region) ON d.country = t."Country"
WHERE t."Year" BETWEEN 2015 AND 2024
GROUP BY ALL;

-- When the data was last changed: the newest dated fact, for the "data as of" line.
CREATE TABLE build_info AS
SELECT now()::TIMESTAMP AS built_at,
       greatest((SELECT max(date) FROM events), (SELECT max(date) FROM adoption)) AS data_as_of;
