-- rightsize rollup from an AWS Cost and Usage Report table, legacy CUR or
-- CUR 2.0. Dialect: Trino / Amazon Athena (engine 3). See rightsize-rollup(5).
--
-- Columns are the snake_case names that CUR 2.0 uses and Athena's legacy
-- CUR integration gives (lineItem/UnblendedCost -> line_item_unblended_cost,
-- reservation/ReservationARN -> reservation_reservation_a_r_n).
-- Placeholders, replaced before running:
--   ${table}          the CUR table, e.g. cur.my_report
--   ${instance_type}  legacy: product_instance_type
--                     CUR 2.0: element_at(product, 'instance_type')
--   ${region}         legacy: product_region (product_region_code when the
--                     table has only that); CUR 2.0: product_region_code
--   ${tags}           a MAP(VARCHAR, VARCHAR) from tag key to value.
--                     CUR 2.0: resource_tags. Legacy: the tag columns, keyed
--                     by the name written after "resourceTags/", e.g.
--                     MAP(ARRAY['user:team', 'user:env'],
--                         ARRAY[resource_tags_user_team, resource_tags_user_env]);
--                     with no tag columns: CAST(NULL AS MAP(VARCHAR, VARCHAR))
-- Money is DECIMAL(38,9) throughout (never DOUBLE): a DOUBLE column is
-- rounded to nine decimals by the first CAST. Timestamps are UTC.
WITH charge AS (
    SELECT
        CAST(line_item_usage_start_date AS TIMESTAMP) AS ts,
        COALESCE(TRIM(line_item_line_item_type), '') AS line_type,
        COALESCE(NULLIF(TRIM(line_item_currency_code), ''), 'USD') AS currency,
        COALESCE(TRIM(line_item_usage_account_id), '') AS account,
        COALESCE(TRIM(line_item_product_code), '') AS service,
        COALESCE(TRIM(line_item_resource_id), '') AS resource,
        COALESCE(TRIM(line_item_usage_type), '') AS usage_type,
        COALESCE(TRIM(${instance_type}), '') AS instance_type,
        COALESCE(TRIM(${region}), '') AS region,
        COALESCE(TRIM(reservation_reservation_a_r_n), '') AS ri_arn,
        COALESCE(CAST(line_item_usage_amount AS DECIMAL(38,6)), 0) AS usage_amount,
        COALESCE(CAST(line_item_unblended_cost AS DECIMAL(38,9)), 0) AS uc,
        COALESCE(CAST(savings_plan_savings_plan_effective_cost AS DECIMAL(38,9)), 0) AS sp_eff,
        COALESCE(CAST(savings_plan_total_commitment_to_date AS DECIMAL(38,9)), 0) AS sp_total,
        COALESCE(CAST(savings_plan_used_commitment AS DECIMAL(38,9)), 0) AS sp_used,
        COALESCE(CAST(reservation_effective_cost AS DECIMAL(38,9)), 0) AS ri_eff,
        COALESCE(CAST(reservation_unused_amortized_upfront_fee_for_billing_period
                      AS DECIMAL(38,9)), 0) AS ri_unused_upfront,
        COALESCE(CAST(reservation_unused_recurring_fee AS DECIMAL(38,9)), 0) AS ri_unused_recurring,
        ${tags} AS tag_map
    FROM ${table}
),
-- The amortization rules (rightsize-ingest(1), AWS CUR): billed is always
-- the unblended cost; effective per line item type.
classified AS (
    SELECT
        ts, currency, account, service, resource, usage_type, instance_type, region,
        CASE
            WHEN line_type = 'Usage' THEN
                CASE WHEN strpos(usage_type, 'SpotUsage') > 0 THEN 'spot' ELSE 'on_demand' END
            WHEN line_type IN ('SavingsPlanCoveredUsage', 'SavingsPlanNegation',
                               'SavingsPlanRecurringFee', 'SavingsPlanUpfrontFee',
                               'DiscountedUsage', 'RIFee') THEN 'commitment'
            WHEN line_type = 'Fee' AND ri_arn <> '' THEN 'commitment'
            ELSE 'none'
        END AS pricing_model,
        CASE
            WHEN line_type IN ('Usage', 'SavingsPlanCoveredUsage', 'SavingsPlanNegation',
                               'DiscountedUsage') THEN 'usage'
            WHEN line_type IN ('SavingsPlanRecurringFee', 'RIFee') THEN 'commitment_fee'
            WHEN line_type = 'SavingsPlanUpfrontFee' THEN 'purchase'
            WHEN line_type = 'Fee' AND ri_arn <> '' THEN 'purchase'
            WHEN line_type = 'Fee' AND (service LIKE 'AWSSupport%'
                                        OR service LIKE 'AWSDeveloperSupport%'
                                        OR service LIKE 'AWSBusinessSupport%'
                                        OR service LIKE 'AWSEnterprise%') THEN 'support'
            WHEN line_type = 'Fee' THEN 'fee'
            WHEN line_type = 'Tax' THEN 'tax'
            WHEN line_type = 'Credit' THEN 'credit'
            WHEN line_type = 'Refund' THEN 'refund'
            WHEN line_type IN ('BundledDiscount', 'Discount', 'EdpDiscount',
                               'PrivateRateDiscount', 'DistributorDiscount') THEN 'discount'
            ELSE 'adjustment'
        END AS charge_kind,
        usage_amount,
        uc AS billed,
        CASE
            WHEN line_type = 'SavingsPlanCoveredUsage' THEN sp_eff
            WHEN line_type = 'SavingsPlanNegation' THEN CAST(0 AS DECIMAL(38,9))
            WHEN line_type = 'SavingsPlanRecurringFee' THEN sp_total - sp_used
            WHEN line_type = 'SavingsPlanUpfrontFee' THEN CAST(0 AS DECIMAL(38,9))
            WHEN line_type = 'DiscountedUsage' THEN ri_eff
            WHEN line_type = 'RIFee' THEN ri_unused_upfront + ri_unused_recurring
            WHEN line_type = 'Fee' AND ri_arn <> '' THEN CAST(0 AS DECIMAL(38,9))
            ELSE uc
        END AS effective,
        -- tags: compact JSON object, keys sorted as bytes, empty values
        -- dropped, '' when none
        COALESCE(NULLIF('{' || array_join(transform(
            array_sort(filter(map_keys(tag_map), k -> COALESCE(element_at(tag_map, k), '') <> '')),
            k -> json_format(CAST(k AS JSON)) || ':'
                 || json_format(CAST(element_at(tag_map, k) AS JSON))), ',') || '}', '{}'), '')
            AS tags
    FROM charge
)
SELECT
    format_datetime(date_trunc('hour', ts), 'yyyy-MM-dd''T''HH'':00:00Z''') AS hour,
    'aws' AS provider,
    currency, account, service, resource, usage_type, instance_type, region,
    pricing_model, charge_kind, tags,
    CAST(SUM(usage_amount) AS VARCHAR) AS usage,
    CAST(SUM(billed) AS VARCHAR) AS billed,
    CAST(SUM(effective) AS VARCHAR) AS effective,
    COUNT(*) AS "rows"
FROM classified
GROUP BY date_trunc('hour', ts), currency, account, service, resource, usage_type,
         instance_type, region, pricing_model, charge_kind, tags
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
