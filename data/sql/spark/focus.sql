-- rightsize rollup from a FinOps FOCUS 1.0, 1.1 or 1.2 table.
-- Dialect: Spark SQL 3.3+ (Databricks, EMR, Glue). See rightsize-rollup(5).
--
-- FOCUS states both costs (BilledCost, EffectiveCost), so no amortization
-- rule sits between the table and the rollup; pricing model and charge
-- kind come from PricingCategory, ChargeCategory, ChargeFrequency and
-- CommitmentDiscountId. Tags is a MAP<STRING, STRING> column.
-- Optional columns the table lacks (x_InstanceType, SkuPriceDetails in
-- 1.0) must be given as NULL, e.g. through a view.
-- Placeholders, replaced before running:
--   ${table}       the FOCUS table
--   ${usage_type}  x_UsageType when the table has that column, else SkuId
-- Money is DECIMAL(38,9) throughout (never DOUBLE). Run with
-- spark.sql.session.timeZone=UTC (timestamps are read and printed as UTC).
WITH charge AS (
    SELECT
        CAST(ChargePeriodStart AS TIMESTAMP) AS ts,
        lower(COALESCE(TRIM(ProviderName), '')) AS provider_lc,
        COALESCE(NULLIF(TRIM(BillingCurrency), ''), 'USD') AS currency,
        COALESCE(TRIM(SubAccountId), '') AS account,
        COALESCE(TRIM(ServiceName), '') AS service,
        COALESCE(TRIM(ResourceId), '') AS resource,
        COALESCE(TRIM(${usage_type}), '') AS usage_type,
        COALESCE(NULLIF(TRIM(x_InstanceType), ''),
                 get_json_object(SkuPriceDetails, '$.InstanceType'),
                 get_json_object(SkuPriceDetails, '$.instanceType'),
                 get_json_object(SkuPriceDetails, '$.VMSize'),
                 get_json_object(SkuPriceDetails, '$.vmSize'), '') AS instance_type,
        COALESCE(TRIM(RegionId), '') AS region,
        lower(COALESCE(TRIM(PricingCategory), '')) AS pricing_category,
        lower(COALESCE(TRIM(ChargeCategory), '')) AS charge_category,
        lower(COALESCE(TRIM(ChargeFrequency), '')) AS charge_frequency,
        COALESCE(TRIM(CommitmentDiscountId), '') <> '' AS committed,
        COALESCE(CAST(ConsumedQuantity AS DECIMAL(38,6)), 0) AS usage_amount,
        COALESCE(CAST(BilledCost AS DECIMAL(38,9)), 0) AS billed,
        COALESCE(CAST(EffectiveCost AS DECIMAL(38,9)), 0) AS effective,
        Tags AS tag_map
    FROM ${table}
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
        -- tags: compact JSON object, keys sorted (array_sort on the
        -- entries), empty values dropped, '' when none
        COALESCE(NULLIF(to_json(map_from_entries(array_sort(filter(map_entries(tag_map),
            e -> e.value IS NOT NULL AND e.value <> '')))), '{}'), '')
            AS tags
    FROM charge
)
SELECT
    date_format(date_trunc('HOUR', ts), "yyyy-MM-dd'T'HH:00:00'Z'") AS hour,
    provider, currency, account, service, resource, usage_type, instance_type, region,
    pricing_model, charge_kind, tags,
    CAST(SUM(usage_amount) AS STRING) AS usage,
    CAST(SUM(billed) AS STRING) AS billed,
    CAST(SUM(effective) AS STRING) AS effective,
    COUNT(*) AS `rows`
FROM classified
GROUP BY date_trunc('HOUR', ts), provider, currency, account, service, resource,
         usage_type, instance_type, region, pricing_model, charge_kind, tags
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
