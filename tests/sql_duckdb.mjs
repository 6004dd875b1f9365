// sql_duckdb.mjs - run data/sql/trino/{cur,focus}.sql on DuckDB over one billing
// export, or compare two rollups.
//
//   node sql_duckdb.mjs run SQLDIR FORMAT EXPORT OUT.csv
//       FORMAT cur_legacy | cur2 (cur.sql) | focus (focus.sql): load EXPORT (CSV, plain or .gz)
//       into DuckDB as the table that format's SQL expects, run the SQL,
//       write the result as a rollup CSV (rightsize-rollup(5)).
//   node sql_duckdb.mjs compare A.csv B.csv
//       sum billed and effective exactly per (hour, service, resource,
//       pricing_model, charge_kind) and in total; exit 1 unless every key
//       agrees to the cent (prints the keys compared and the totals).
//
// The module @duckdb/node-api is found in $RS_NODE_MODULES (the test
// installs it into the build folder).
//
// The dialect adapter (Trino -> DuckDB), kept thin and textual:
//  - the table: the CSV is read as text (every column VARCHAR; empty, NULL
//    and null are NULL, as the ingest reads them), a repeated header line
//    is dropped (DuckDB already drops blank lines), legacy CUR columns are
//    renamed the way Athena's CUR integration names them
//    (lineItem/UnblendedCost -> line_item_unblended_cost), the start
//    timestamp is typed as UTC, JSON map columns (CUR 2.0 product and
//    resource_tags, FOCUS Tags) become MAP(VARCHAR, VARCHAR), and optional
//    columns the file lacks are NULL;
//  - placeholders: ${table}; CUR ${instance_type}, ${region} and ${tags}
//    as cur.sql says (legacy tags from the resourceTags/* columns); FOCUS
//    ${usage_type} is x_UsageType when the file has it;
//  - functions: Trino's transform -> list_transform, element_at(map, k) ->
//    map_extract_value, json_format(CAST(x AS JSON)) -> to_json(x);
//    array_join, format_datetime (the one pattern the SQL uses) and
//    json_extract_scalar are DuckDB macros.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(path.resolve(process.env.RS_NODE_MODULES || '.', 'node_modules') + '/');

function die(msg) {
	process.stderr.write(`sql_duckdb: ${msg}\n`);
	process.exit(1);
}

function csvQuote(s) {
	if (s === null || s === undefined)
		return '';
	s = String(s);
	return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

// Athena's CUR column names: "lineItem/UnblendedCost" -> "line_item_unblended_cost".
function athenaName(h) {
	return h.split('/').map((p) => p.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())
		.replace(/[^a-z0-9_]/g, '_').replace(/^_/, '')).join('_');
}

function ident(s) {
	return '"' + s.replace(/"/g, '""') + '"';
}

function lit(s) {
	return "'" + s.replace(/'/g, "''") + "'";
}

const USED = {
	cur_legacy: ['line_item_usage_start_date', 'line_item_line_item_type',
		'line_item_currency_code', 'line_item_usage_account_id', 'line_item_product_code',
		'line_item_resource_id', 'line_item_usage_type', 'product_instance_type',
		'product_region', 'reservation_reservation_a_r_n', 'line_item_usage_amount',
		'line_item_unblended_cost', 'savings_plan_savings_plan_effective_cost',
		'savings_plan_total_commitment_to_date', 'savings_plan_used_commitment',
		'reservation_effective_cost',
		'reservation_unused_amortized_upfront_fee_for_billing_period',
		'reservation_unused_recurring_fee'],
	cur2: ['line_item_usage_start_date', 'line_item_line_item_type', 'line_item_currency_code',
		'line_item_usage_account_id', 'line_item_product_code', 'line_item_resource_id',
		'line_item_usage_type', 'product', 'product_region_code',
		'reservation_reservation_a_r_n', 'line_item_usage_amount', 'line_item_unblended_cost',
		'savings_plan_savings_plan_effective_cost', 'savings_plan_total_commitment_to_date',
		'savings_plan_used_commitment', 'reservation_effective_cost',
		'reservation_unused_amortized_upfront_fee_for_billing_period',
		'reservation_unused_recurring_fee', 'resource_tags'],
	focus: ['ChargePeriodStart', 'ProviderName', 'BillingCurrency', 'SubAccountId',
		'ServiceName', 'ResourceId', 'SkuId', 'x_UsageType', 'x_InstanceType',
		'SkuPriceDetails', 'RegionId', 'PricingCategory', 'ChargeCategory', 'ChargeFrequency',
		'CommitmentDiscountId', 'ConsumedQuantity', 'BilledCost', 'EffectiveCost', 'Tags'],
};
const TIME_COL = { cur_legacy: 'line_item_usage_start_date', cur2: 'line_item_usage_start_date',
	focus: 'ChargePeriodStart' };
const MAP_COLS = { cur_legacy: [], cur2: ['product', 'resource_tags'], focus: ['Tags'] };

async function run(sqlDir, format, exportPath, outPath) {
	const { DuckDBInstance } = require('@duckdb/node-api');
	const sqlPath = path.join(sqlDir, format === 'focus' ? 'focus.sql' : 'cur.sql');
	let sql = fs.readFileSync(sqlPath, 'utf8');
	const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
	const con = await inst.connect();
	const q = async (s) => (await con.runAndReadAll(s)).getRows();

	await q("SET TimeZone = 'UTC'");
	await q('CREATE MACRO array_join(l, s) AS array_to_string(l, s)');
	await q(`CREATE MACRO format_datetime(t, f) AS CASE WHEN f = 'yyyy-MM-dd''T''HH'':00:00Z'''
		THEN strftime(t, '%Y-%m-%dT%H:00:00Z') ELSE error('format_datetime: pattern ' || f) END`);
	await q('CREATE MACRO json_extract_scalar(j, p) AS json_extract_string(j, p)');
	await q(`CREATE TABLE raw AS SELECT * FROM read_csv(${lit(exportPath)}, all_varchar = true,
		header = true, null_padding = true, nullstr = ['', 'NULL', 'null', 'Null'],
		delim = ',', quote = '"', escape = '"')`);
	const cols = (await q("SELECT column_name FROM information_schema.columns WHERE table_name = 'raw' ORDER BY ordinal_position")).map((r) => r[0]);
	if (cols.length === 0)
		die(`${exportPath}: no columns`);
	// A repeated header line (concatenated parts) is not a charge.
	await q(`DELETE FROM raw WHERE ${ident(cols[0])} = ${lit(cols[0])}`);

	const have = new Map(); // name in the SQL -> expression over raw
	for (const c of cols) {
		const name = format === 'cur_legacy' ? athenaName(c) : c;
		if (!have.has(name.toLowerCase()))
			have.set(name.toLowerCase(), { name, expr: ident(c) });
	}
	const sel = [];
	for (const name of USED[format]) {
		const h = have.get(name.toLowerCase());
		let e = h ? h.expr : 'NULL::VARCHAR';
		if (name === TIME_COL[format])
			e = `CAST(${e} AS TIMESTAMPTZ) AT TIME ZONE 'UTC'`;
		else if (MAP_COLS[format].includes(name))
			e = `CAST(json(${e}) AS MAP(VARCHAR, VARCHAR))`;
		sel.push(`${e} AS ${ident(name)}`);
	}
	let tags = 'CAST(NULL AS MAP(VARCHAR, VARCHAR))';
	if (format === 'cur_legacy') {
		const keys = [], vals = [];
		for (const c of cols) {
			if (/^resourceTags\/./i.test(c)) {
				keys.push(lit(c.slice(13)));
				vals.push(athenaName(c));
				sel.push(`${ident(c)} AS ${ident(athenaName(c))}`);
			}
		}
		if (keys.length)
			tags = `MAP(ARRAY[${keys.join(', ')}], ARRAY[${vals.join(', ')}])`;
	}
	await q(`CREATE VIEW t AS SELECT ${sel.join(', ')} FROM raw`);

	sql = sql.replace(/\$\{table\}/g, 't')
		.replace(/\$\{tags\}/g, format === 'cur2' ? 'resource_tags' : tags)
		.replace(/\$\{instance_type\}/g, format === 'cur2' ? "element_at(product, 'instance_type')"
			: 'product_instance_type')
		.replace(/\$\{region\}/g, format === 'cur2' ? 'product_region_code' : 'product_region')
		.replace(/\$\{usage_type\}/g, have.has('x_usagetype') ? 'x_UsageType' : 'SkuId')
		.replace(/\btransform\(/g, 'list_transform(')
		.replace(/\belement_at\(/g, 'map_extract_value(')
		.replace(/json_format\(CAST\(((?:[^()]|\([^()]*\))+) AS JSON\)\)/g, 'to_json($1)::VARCHAR');
	if (/\$\{/.test(sql))
		die(`${sqlPath}: a placeholder is left: ${sql.match(/\$\{[^}]*\}/)[0]}`);
	const reader = await con.runAndReadAll(sql);
	const names = reader.columnNames();
	const rows = reader.getRowsJson();
	let text = names.join(',') + '\n';
	for (const r of rows)
		text += r.map(csvQuote).join(',') + '\n';
	fs.writeFileSync(outPath, text);
	process.stdout.write(`${path.basename(exportPath)}: ${rows.length} rollup rows\n`);
}

// ---- compare ---------------------------------------------------------------

function parseCsv(text) {
	const rows = [];
	let row = [], f = '', i = 0, quoted = false;
	while (i < text.length) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') { f += '"'; i += 2; continue; }
			if (ch === '"') { quoted = false; i++; continue; }
			f += ch; i++; continue;
		}
		if (ch === '"') { quoted = true; i++; continue; }
		if (ch === ',') { row.push(f); f = ''; i++; continue; }
		if (ch === '\n') { row.push(f); rows.push(row); row = []; f = ''; i++; continue; }
		f += ch; i++;
	}
	if (f !== '' || row.length)
		{ row.push(f); rows.push(row); }
	return rows;
}

// Exact decimal text -> BigInt nano-units.
function nanos(s) {
	const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s.trim());
	if (!m)
		die(`not a decimal: "${s}"`);
	const frac = ((m[3] || '') + '000000000').slice(0, 9);
	if ((m[3] || '').length > 9 && /[1-9]/.test(m[3].slice(9)))
		die(`more than nine decimals: "${s}"`);
	const v = BigInt((m[2] || '0') + frac);
	return m[1] ? -v : v;
}

function cents(n) {
	// round half away from zero, as money_format does
	const neg = n < 0n, a = neg ? -n : n;
	const c = (a + 5000000n) / 10000000n;
	const s = (c / 100n).toString() + '.' + (c % 100n).toString().padStart(2, '0');
	return neg && c !== 0n ? '-' + s : s;
}

function load(file) {
	const rows = parseCsv(fs.readFileSync(file, 'utf8'));
	const h = rows.shift();
	const ix = (n) => { const k = h.indexOf(n); if (k < 0) die(`${file}: no column ${n}`); return k; };
	const key = ['hour', 'service', 'resource', 'pricing_model', 'charge_kind'].map(ix);
	const b = ix('billed'), e = ix('effective');
	const m = new Map();
	let tb = 0n, te = 0n;
	for (const r of rows) {
		const k = key.map((j) => r[j]).join('\u0001');
		const v = m.get(k) || [0n, 0n];
		v[0] += nanos(r[b]); v[1] += nanos(r[e]);
		m.set(k, v);
		tb += nanos(r[b]); te += nanos(r[e]);
	}
	return { m, tb, te };
}

function compare(a, b) {
	const A = load(a), B = load(b);
	let bad = 0;
	const keys = new Set([...A.m.keys(), ...B.m.keys()]);
	for (const k of keys) {
		const x = A.m.get(k) || [0n, 0n], y = B.m.get(k) || [0n, 0n];
		if (cents(x[0]) !== cents(y[0]) || cents(x[1]) !== cents(y[1])) {
			if (bad++ < 10)
				process.stdout.write(`differs: ${k.split('\u0001').join(' | ')}: billed ${cents(x[0])} vs ${cents(y[0])}, effective ${cents(x[1])} vs ${cents(y[1])}\n`);
		}
	}
	process.stdout.write(`keys ${keys.size} differing ${bad} ` +
		`billed ${cents(A.tb)} ${cents(B.tb)} effective ${cents(A.te)} ${cents(B.te)}\n`);
	if (bad || cents(A.tb) !== cents(B.tb) || cents(A.te) !== cents(B.te))
		process.exit(1);
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'run' && args.length === 4)
	await run(...args).catch((e) => die(e.message.split('\n')[0]));
else if (cmd === 'compare' && args.length === 2)
	compare(...args);
else
	die('usage: sql_duckdb.mjs run SQLDIR FORMAT EXPORT OUT.csv | compare A.csv B.csv');
