// bench/duckdb_rollup.mjs - the rollup job done by DuckDB, for comparing
// with `rightsize ingest` (make bench): read an AWS CUR legacy export
// (plain or .gz) with read_csv, GROUP BY the rollup's key (hour, currency,
// account, service, resource, usage type, instance type, region, pricing
// model, charge kind, every resourceTags/* column) with the CUR
// amortization rules of rightsize-ingest(1), and print the totals.
//
// usage: node bench/duckdb_rollup.mjs [--rows OUT.csv] CUR.csv[.gz] THREADS
//   THREADS  DuckDB's worker threads (SET threads).
//   --rows   also write the grouped rows as a rollup CSV
//            (rightsize-rollup(5); tags as canonical JSON), which
//            `rightsize ingest` reads, to compare cell by cell.
// Output, one line: "duckdb THREADS rows R groups G billed B effective E
// billed_cents BC effective_cents EC seconds S" (B, E exact; S the query's
// wall time inside node, without start-up).
//
// Money is read as DECIMAL(38,9) (exact; never DOUBLE) and usage as
// DECIMAL(38,6). The module @duckdb/node-api is loaded from
// $RS_NODE_MODULES/node_modules (make bench installs it there).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(path.resolve(process.env.RS_NODE_MODULES || '.', 'node_modules') + '/');

function die(msg) {
	process.stderr.write(`duckdb_rollup: ${msg}\n`);
	process.exit(1);
}

const args = process.argv.slice(2);
let rowsOut = null;
if (args[0] === '--rows') {
	rowsOut = args[1];
	args.splice(0, 2);
}
if (args.length !== 2 || !/^[1-9][0-9]*$/.test(args[1]))
	die('usage: node bench/duckdb_rollup.mjs [--rows OUT.csv] CUR.csv[.gz] THREADS');
const [file, threads] = args;
if (!fs.existsSync(file))
	die(`${file}: no such file`);

const lit = (s) => "'" + s.replace(/'/g, "''") + "'";
const id = (s) => '"' + s.replace(/"/g, '""') + '"';
const MONEY = ['lineItem/UnblendedCost', 'savingsPlan/SavingsPlanEffectiveCost',
	'savingsPlan/TotalCommitmentToDate', 'savingsPlan/UsedCommitment',
	'reservation/EffectiveCost', 'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod',
	'reservation/UnusedRecurringFee'];

const { DuckDBInstance } = require('@duckdb/node-api');
const inst = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await inst.connect();
const q = async (s) => (await con.runAndReadAll(s)).getRowsJson();
await q("SET TimeZone = 'UTC'");

const t0 = process.hrtime.bigint();
// The header names the tag columns; sniffing reads only the first lines.
const cols = (await q(`DESCRIBE SELECT * FROM read_csv(${lit(file)}, header = true, all_varchar = true)`))
	.map((r) => r[0]);
const tagCols = cols.filter((c) => /^resourceTags\/./i.test(c))
	.sort((a, b) => (Buffer.compare(Buffer.from(a.slice(13)), Buffer.from(b.slice(13)))));
const has = (c) => cols.includes(c);
const col = (c) => (has(c) ? id(c) : 'NULL');
const types = {};
for (const c of MONEY)
	if (has(c))
		types[c] = 'DECIMAL(38,9)';
types['lineItem/UsageAmount'] = 'DECIMAL(38,6)';
types['lineItem/UsageStartDate'] = 'TIMESTAMPTZ';
const typeSpec = '{' + Object.entries(types).map(([k, v]) => `${lit(k)}: ${lit(v)}`).join(', ') + '}';
const m = (c) => `COALESCE(${col(c)}, 0::DECIMAL(38,9))`;
const t = id('lineItem/LineItemType');
const arn = `COALESCE(${col('reservation/ReservationARN')}, '') <> ''`;
const svc = `COALESCE(${col('lineItem/ProductCode')}, '')`;
const ut = `COALESCE(${col('lineItem/UsageType')}, '')`;

await q(`CREATE TEMP TABLE g AS
SELECT date_trunc('hour', ${id('lineItem/UsageStartDate')}) AS hour,
    COALESCE(${col('lineItem/CurrencyCode')}, 'USD') AS currency,
    COALESCE(${col('lineItem/UsageAccountId')}, '') AS account,
    ${svc} AS service,
    COALESCE(${col('lineItem/ResourceId')}, '') AS resource,
    ${ut} AS usage_type,
    COALESCE(${col('product/instanceType')}, '') AS instance_type,
    COALESCE(${col('product/region')}, '') AS region,
    CASE WHEN ${t} = 'Usage' THEN CASE WHEN strpos(${ut}, 'SpotUsage') > 0 THEN 'spot' ELSE 'on_demand' END
         WHEN ${t} IN ('SavingsPlanCoveredUsage', 'SavingsPlanNegation', 'SavingsPlanRecurringFee',
                       'SavingsPlanUpfrontFee', 'DiscountedUsage', 'RIFee') THEN 'commitment'
         WHEN ${t} = 'Fee' AND ${arn} THEN 'commitment'
         ELSE 'none' END AS pricing_model,
    CASE WHEN ${t} IN ('Usage', 'SavingsPlanCoveredUsage', 'SavingsPlanNegation', 'DiscountedUsage') THEN 'usage'
         WHEN ${t} IN ('SavingsPlanRecurringFee', 'RIFee') THEN 'commitment_fee'
         WHEN ${t} = 'SavingsPlanUpfrontFee' THEN 'purchase'
         WHEN ${t} = 'Fee' AND ${arn} THEN 'purchase'
         WHEN ${t} = 'Fee' AND (${svc} LIKE 'AWSSupport%' OR ${svc} LIKE 'AWSDeveloperSupport%'
              OR ${svc} LIKE 'AWSBusinessSupport%' OR ${svc} LIKE 'AWSEnterprise%') THEN 'support'
         WHEN ${t} = 'Fee' THEN 'fee'
         WHEN ${t} = 'Tax' THEN 'tax'
         WHEN ${t} = 'Credit' THEN 'credit'
         WHEN ${t} = 'Refund' THEN 'refund'
         WHEN ${t} IN ('BundledDiscount', 'Discount', 'EdpDiscount', 'PrivateRateDiscount',
                       'DistributorDiscount') THEN 'discount'
         ELSE 'adjustment' END AS charge_kind,
    ${tagCols.map((c, i) => `${id(c)} AS tag${i}`).concat(['']).join(',\n    ')}
    SUM(COALESCE(${id('lineItem/UsageAmount')}, 0)) AS usage,
    SUM(${m('lineItem/UnblendedCost')}) AS billed,
    SUM(CASE WHEN ${t} = 'SavingsPlanCoveredUsage' THEN ${m('savingsPlan/SavingsPlanEffectiveCost')}
             WHEN ${t} IN ('SavingsPlanNegation', 'SavingsPlanUpfrontFee') THEN 0::DECIMAL(38,9)
             WHEN ${t} = 'SavingsPlanRecurringFee'
                  THEN ${m('savingsPlan/TotalCommitmentToDate')} - ${m('savingsPlan/UsedCommitment')}
             WHEN ${t} = 'DiscountedUsage' THEN ${m('reservation/EffectiveCost')}
             WHEN ${t} = 'RIFee' THEN ${m('reservation/UnusedAmortizedUpfrontFeeForBillingPeriod')}
                                      + ${m('reservation/UnusedRecurringFee')}
             WHEN ${t} = 'Fee' AND ${arn} THEN 0::DECIMAL(38,9)
             ELSE ${m('lineItem/UnblendedCost')} END) AS effective,
    COUNT(*) AS n
FROM read_csv(${lit(file)}, header = true, delim = ',', quote = '"', escape = '"',
              null_padding = true, nullstr = ['', 'NULL', 'null'], all_varchar = true,
              types = ${typeSpec})
WHERE ${t} IS DISTINCT FROM 'lineItem/LineItemType'
GROUP BY ALL`);
const [tot] = await q('SELECT SUM(n)::VARCHAR, COUNT(*)::VARCHAR, SUM(billed)::VARCHAR, SUM(effective)::VARCHAR FROM g');
const secs = Number(process.hrtime.bigint() - t0) / 1e9;

const centsOf = (s) => {
	// exact decimal text -> cents, half away from zero (as rightsize prints)
	const neg = s.startsWith('-');
	const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
	let c = BigInt(i || '0') * 100n + BigInt((f + '00').slice(0, 2));
	if ((f + '000').charCodeAt(2) >= 53)
		c += 1n;
	const out = (c / 100n).toString() + '.' + (c % 100n).toString().padStart(2, '0');
	return neg && c !== 0n ? '-' + out : out;
};
process.stdout.write(`duckdb ${threads} rows ${tot[0]} groups ${tot[1]} billed ${tot[2]} effective ${tot[3]}` +
	` billed_cents ${centsOf(tot[2])} effective_cents ${centsOf(tot[3])} seconds ${secs.toFixed(3)}\n`);

if (rowsOut) {
	// Tags as rightsize writes them: compact JSON, keys sorted, empty dropped.
	const parts = tagCols.map((c, i) =>
		`CASE WHEN tag${i} IS NOT NULL THEN ${lit(JSON.stringify(c.slice(13)) + ':')} || to_json(tag${i})::VARCHAR END`);
	const tags = parts.length ? `COALESCE(NULLIF('{' || concat_ws(',', ${parts.join(', ')}) || '}', '{}'), '')` : "''";
	await q(`COPY (SELECT strftime(hour, '%Y-%m-%dT%H:00:00Z') AS hour, 'aws' AS provider, currency,
		account, service, resource, usage_type, instance_type, region, pricing_model, charge_kind,
		${tags} AS tags, SUM(usage)::VARCHAR AS usage, SUM(billed)::VARCHAR AS billed,
		SUM(effective)::VARCHAR AS effective, SUM(n) AS "rows"
		FROM g GROUP BY ALL ORDER BY ALL) TO ${lit(rowsOut)} (HEADER, DELIMITER ',', QUOTE '"')`);
}
