-- rightsize rollup from a FinOps FOCUS 1.0, 1.1 or 1.2 table.
-- Dialect: Google BigQuery (GoogleSQL). See rightsize-rollup(5).
--
-- FOCUS states both costs (BilledCost, EffectiveCost), so no amortization
-- rule sits between the table and the rollup; pricing model and charge
-- kind come from PricingCategory, ChargeCategory, ChargeFrequency and
-- CommitmentDiscountId.
-- Optional columns the table lacks (x_InstanceType, SkuPriceDetails in
-- 1.0) must be given as NULL, e.g. through a view.
-- Placeholders, replaced before running:
--   ${table}       the FOCUS table
--   ${usage_type}  x_UsageType when the table has that column, else SkuId
--   ${tags}        the Tags as ARRAY<STRUCT<key STRING, value STRING>>; for a
--                  JSON column:
--                  ARRAY(SELECT AS STRUCT k AS key,
--                        JSON_VALUE(Tags, FORMAT('$."%s"', k)) AS value
--                        FROM UNNEST(JSON_KEYS(Tags, 1)) AS k)
-- Money is NUMERIC, BigQuery's DECIMAL(38,9), throughout (never FLOAT64).
-- Timestamps are UTC.
WITH charge AS (
    SELECT
        CAST(ChargePeriodStart AS TIMESTAMP) AS ts,
        LOWER(COALESCE(TRIM(ProviderName), '')) AS provider_lc,
        COALESCE(NULLIF(TRIM(BillingCurrency), ''), 'USD') AS currency,
        COALESCE(TRIM(SubAccountId), '') AS account,
        COALESCE(TRIM(ServiceName), '') AS service,
        COALESCE(TRIM(ResourceId), '') AS resource,
        COALESCE(TRIM(${usage_type}), '') AS usage_type,
        COALESCE(NULLIF(TRIM(x_InstanceType), ''),
                 JSON_VALUE(SkuPriceDetails, '$.InstanceType'),
                 JSON_VALUE(SkuPriceDetails, '$.instanceType'),
                 JSON_VALUE(SkuPriceDetails, '$.VMSize'),
                 JSON_VALUE(SkuPriceDetails, '$.vmSize'), '') AS instance_type,
        COALESCE(TRIM(RegionId), '') AS region,
        LOWER(COALESCE(TRIM(PricingCategory), '')) AS pricing_category,
        LOWER(COALESCE(TRIM(ChargeCategory), '')) AS charge_category,
        LOWER(COALESCE(TRIM(ChargeFrequency), '')) AS charge_frequency,
        COALESCE(TRIM(CommitmentDiscountId), '') <> '' AS committed,
        COALESCE(ROUND(CAST(ConsumedQuantity AS NUMERIC), 6), 0) AS usage_amount,
        COALESCE(CAST(BilledCost AS NUMERIC), 0) AS billed,
        COALESCE(CAST(EffectiveCost AS NUMERIC), 0) AS effective,
        ${tags} AS tag_pairs
    FROM `${table}`
),
classified AS (
    SELECT
        ts, currency, account, service, resource, usage_type, instance_type, region,
        CASE
            WHEN provider_lc LIKE 'amazon web services%' THEN 'aws'
            WHEN provider_lc = 'microsoft' THEN 'azure'
            WHEN provider_lc = 'google cloud' THEN 'gcp'
            ELSE provider_lc
        END AS provider,
        CASE
            WHEN charge_category = 'usage' AND committed THEN 'commitment'
            WHEN pricing_category IN ('standard', 'on-demand') THEN 'on_demand'
            WHEN pricing_category IN ('committed', 'commitment-based') THEN 'commitment'
            WHEN pricing_category IN ('dynamic', 'spot') THEN 'spot'
            ELSE 'none'
        END AS pricing_model,
        CASE
            WHEN charge_category = 'usage' THEN 'usage'
            WHEN charge_category = 'purchase' AND committed
                 AND charge_frequency = 'recurring' THEN 'commitment_fee'
            WHEN charge_category = 'purchase' THEN 'purchase'
            WHEN charge_category = 'tax' THEN 'tax'
            WHEN charge_category = 'credit' THEN 'credit'
            ELSE 'adjustment'
        END AS charge_kind,
        usage_amount, billed, effective,
        -- tags: compact JSON object, keys sorted as bytes, empty values
        -- dropped, '' when none (TO_JSON_STRING escapes <, > and & as \u003c...)
        COALESCE((
            SELECT NULLIF(CONCAT('{', STRING_AGG(CONCAT(TO_JSON_STRING(t.key), ':',
                                                        TO_JSON_STRING(t.value)),
                                                 ',' ORDER BY CAST(t.key AS BYTES)), '}'), '{}')
            FROM UNNEST(tag_pairs) AS t
            WHERE t.value IS NOT NULL AND t.value <> ''), '')
            AS tags
    FROM charge
)
SELECT
    FORMAT_TIMESTAMP('%Y-%m-%dT%H:00:00Z', TIMESTAMP_TRUNC(ts, HOUR), 'UTC') AS hour,
    provider, currency, account, service, resource, usage_type, instance_type, region,
    pricing_model, charge_kind, tags,
    CAST(SUM(usage_amount) AS STRING) AS usage,
    CAST(SUM(billed) AS STRING) AS billed,
    CAST(SUM(effective) AS STRING) AS effective,
    COUNT(*) AS `rows`
FROM classified
GROUP BY hour, provider, currency, account, service, resource,
         usage_type, instance_type, region, pricing_model, charge_kind, tags
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
