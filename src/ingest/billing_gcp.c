/*
 * billing_gcp.c - Google Cloud's detailed billing export (BigQuery),
 * flattened to CSV with dotted ("service.description") or underscored
 * column names.
 * Layer: engine, readers (a billing format).
 *
 * A row's invoice amount is cost plus the sum of its credits (Google,
 * "Structure of Detailed data export"); each credit becomes a cell of its
 * own with charge kind credit, so credits stay visible in breakdowns.
 * The export has no amortized view: committed use discount fees are
 * already charged daily, so effective = billed.
 *
 * Credit amounts are read from the JSON text itself, not from cJSON's
 * double: a 16th significant digit would be lost on the way.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "ingest/billing_int.h"

enum {
	G_START, G_ACCOUNT, G_SERVICE, G_RESOURCE, G_SKU, G_SYSLABELS, G_REGION,
	G_CURRENCY, G_USAGE, G_COST, G_LABELS, G_COST_TYPE, G_CREDITS, G_N,
};

#define N(...) (const char *const[]){ __VA_ARGS__, NULL }

static const char *const *const names[G_N] = {
	[G_START] = N("usage_start_time"),
	[G_ACCOUNT] = N("project.id", "project_id"),
	[G_SERVICE] = N("service.description", "service_description"),
	[G_RESOURCE] = N("resource.name", "resource_name"),
	[G_SKU] = N("sku.description", "sku_description"),
	[G_SYSLABELS] = N("system_labels"),
	[G_REGION] = N("location.region", "location_region"),
	[G_CURRENCY] = N("currency"),
	[G_USAGE] = N("usage.amount", "usage_amount"),
	[G_COST] = N("cost"),
	[G_LABELS] = N("labels"),
	[G_COST_TYPE] = N("cost_type"),
	[G_CREDITS] = N("credits"),
};

static int
detect(const struct csv_record *hdr, const char *path,
       const struct billing_opts *o, const char **variant)
{
	(void)path;
	(void)o;
	*variant = "gcp";
	return bhdr_find(hdr, N("cost")) >= 0 && bhdr_find(hdr, N("usage_start_time")) >= 0;
}

static int
bind(struct bctx *c, struct diag *d)
{
	bhdr_bind(c, names, G_N);
	c->amount_id = G_COST;
	(void)d;
	return 0;
}

/* ---- the text of a credit's amount ---------------------------------------- */

static size_t
json_ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

/* Index just after the JSON value at s[i] (text cJSON has parsed). */
static size_t
json_skip(const char *s, size_t n, size_t i)
{
	int depth = 0, in_str = 0;

	if (i < n && s[i] != '"' && s[i] != '{' && s[i] != '[') {
		while (i < n && strchr(",]} \t\n\r", s[i]) == NULL)
			i++;
		return i;
	}
	for (; i < n; i++) {
		if (in_str) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				in_str = 0;
		} else if (s[i] == '"') {
			in_str = 1;
		} else if (s[i] == '{' || s[i] == '[') {
			depth++;
		} else if (s[i] == '}' || s[i] == ']') {
			depth--;
		}
		if (!in_str && depth == 0)
			return i + 1;
	}
	return n;
}

/* From the value at s[i] to the one after the next comma (n: none). */
static size_t
json_next(const char *s, size_t n, size_t i)
{
	i = json_ws(s, n, json_skip(s, n, i));
	return i < n && s[i] == ',' ? json_ws(s, n, i + 1) : n;
}

/* The text s[*at..*end) of the value of the member-th member of the
 * elem-th element of the JSON array s[0..n). 0, or -1 when the text does
 * not have that shape. */
static int
json_member_text(const char *s, size_t n, int elem, int member, size_t *at, size_t *end)
{
	size_t i = json_ws(s, n, 0);
	int k;

	if (i >= n || s[i] != '[')
		return -1;
	i = json_ws(s, n, i + 1);
	for (k = 0; k < elem && i < n; k++)
		i = json_next(s, n, i);
	if (i >= n || s[i] != '{')
		return -1;
	i = json_ws(s, n, i + 1);
	for (k = 0; i < n; k++) {
		i = json_ws(s, n, json_skip(s, n, i)); /* the key */
		if (i >= n || s[i] != ':')
			return -1;
		i = json_ws(s, n, i + 1);
		if (k == member) {
			*at = i;
			*end = json_skip(s, n, i);
			return 0;
		}
		i = json_next(s, n, i);
	}
	return -1;
}

static const char *
json_kind(const cJSON *v)
{
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? "true" : "false";
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsObject(v))
		return "an object";
	if (cJSON_IsArray(v))
		return "an array";
	return "not a number";
}

/* The amount of credit k (element it of the credits array s[0..n)). */
static int
credit_amount(struct bctx *c, const char *s, size_t n, const cJSON *it, int k, money_t *m,
	      struct diag *d)
{
	const cJSON *v;
	const char *num;
	size_t at, end, len;
	int member = 0, rc;

	for (v = cJSON_IsObject(it) ? it->child : NULL; v != NULL; v = v->next, member++) {
		if (v->string != NULL && strcmp(v->string, "amount") == 0)
			break;
	}
	if (v == NULL)
		return bfield_error(c, G_CREDITS, d, "credits[%d] has no amount", k);
	if (cJSON_IsString(v)) {
		num = v->valuestring;
		len = strlen(num);
	} else if (cJSON_IsNumber(v)) {
		if (json_member_text(s, n, k, member, &at, &end) < 0)
			return bfield_error(c, G_CREDITS, d, "credits[%d].amount cannot be read", k);
		num = s + at;
		len = end - at;
	} else {
		return bfield_error(c, G_CREDITS, d, "credits[%d].amount is %s, not a number", k,
				    json_kind(v));
	}
	rc = money_parse(num, len, m);
	if (rc == -2)
		return bfield_error(c, G_CREDITS, d, "credits[%d].amount %.*s is too large", k,
				    (int)(len > 40 ? 40 : len), num);
	if (rc < 0)
		return bfield_error(c, G_CREDITS, d, "credits[%d].amount \"%.*s\" is not a number",
				    k, (int)(len > 40 ? 40 : len), num);
	return 0;
}

static int
row(struct bctx *c, struct diag *d)
{
	struct rollup_cell cell;
	const char *ct, *s;
	size_t n;
	char itype[128];
	int regular;

	memset(&cell, 0, sizeof(cell));
	if (bfield_time(c, G_START, &cell.hour, d) < 0 ||
	    bfield_money(c, G_COST, &cell.billed, d) < 0 ||
	    bfield_usage(c, G_USAGE, &cell.usage, d) < 0)
		return -1;
	cell.effective = cell.billed;
	cell.dim[DIM_PROVIDER] = "gcp";
	cell.dim[DIM_CURRENCY] = bfield(c, G_CURRENCY, &s, &n) ? bfield_str(c, G_CURRENCY, 0) : "USD";
	cell.dim[DIM_ACCOUNT] = bfield_str(c, G_ACCOUNT, 0);
	cell.dim[DIM_SERVICE] = bfield_str(c, G_SERVICE, 0);
	cell.dim[DIM_RESOURCE] = bfield_str(c, G_RESOURCE, 0);
	cell.dim[DIM_USAGE_TYPE] = bfield_str(c, G_SKU, 0);
	cell.dim[DIM_REGION] = bfield_str(c, G_REGION, 0);
	cell.dim[DIM_INSTANCE_TYPE] = bjson_get(c, G_SYSLABELS, "compute.googleapis.com/machine_spec",
						itype, sizeof(itype));
	cell.dim[DIM_TAGS] = btags_json(c, G_LABELS, d);
	if (cell.dim[DIM_TAGS] == NULL)
		return -1;

	ct = bfield_str(c, G_COST_TYPE, 0);
	regular = ct[0] == '\0' || strcasecmp(ct, "regular") == 0;
	if (regular)
		cell.ck = CK_USAGE;
	else if (strcasecmp(ct, "tax") == 0)
		cell.ck = CK_TAX;
	else
		cell.ck = CK_ADJUSTMENT;
	if (!regular)
		cell.pm = PM_NONE;
	else if (bcontains(cell.dim[DIM_USAGE_TYPE], strlen(cell.dim[DIM_USAGE_TYPE]), "Commitment")) {
		cell.pm = PM_COMMITMENT;
		cell.ck = CK_COMMITMENT_FEE;
	} else if (bcontains(cell.dim[DIM_USAGE_TYPE], strlen(cell.dim[DIM_USAGE_TYPE]), "Spot") ||
		   bcontains(cell.dim[DIM_USAGE_TYPE], strlen(cell.dim[DIM_USAGE_TYPE]), "Preemptible")) {
		cell.pm = PM_SPOT;
	} else {
		cell.pm = PM_ON_DEMAND;
	}
	if (bctx_emit(c, &cell, d) < 0)
		return -1;

	/* credits: [{"name": ..., "amount": -1.2, "type": ...}, ...] */
	if (bfield(c, G_CREDITS, &s, &n) && !(n == 2 && memcmp(s, "[]", 2) == 0)) {
		cJSON *j = cJSON_ParseWithLength(s, n), *it;
		int rc = 0, k = 0;

		if (!cJSON_IsArray(j)) {
			cJSON_Delete(j);
			return bfield_error(c, G_CREDITS, d, "credits is not a JSON array");
		}
		c->amount_id = G_CREDITS;
		cJSON_ArrayForEach(it, j) {
			cJSON *type = cJSON_GetObjectItemCaseSensitive(it, "type");
			struct rollup_cell cr = cell;
			money_t m;

			if (credit_amount(c, s, n, it, k++, &m, d) < 0) {
				rc = -1;
				break;
			}
			cr.billed = m;
			cr.effective = m;
			cr.usage = 0;
			cr.ck = CK_CREDIT;
			cr.pm = cJSON_IsString(type) && strstr(type->valuestring, "COMMITTED_USAGE")
					? PM_COMMITMENT : PM_NONE;
			if (bctx_emit(c, &cr, d) < 0) {
				rc = -1;
				break;
			}
		}
		c->amount_id = G_COST;
		cJSON_Delete(j);
		return rc;
	}
	return 0;
}

const struct bformat bformat_gcp = { "gcp", detect, bind, row };
