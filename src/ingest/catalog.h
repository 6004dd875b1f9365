/*
 * catalog.h - the instance and service price catalog (data/instances/),
 * documented in rightsize-catalog(5).
 *
 * Layer: engine. Prices are exact (money_t per hour, or per unit for
 * Fargate/Lambda rates); a price that is not published is -1.
 *
 * Ownership: catalog_load() returns a catalog the caller frees with
 * catalog_free(); entries are owned by the catalog (borrowed by callers).
 */
#ifndef RS_CATALOG_H
#define RS_CATALOG_H

#include <stddef.h>

#include "base/money.h"
#include "base/util.h"

enum catalog_price {
	CAT_ON_DEMAND,   /* list price, Linux, per hour */
	CAT_SPOT,        /* spot average over the read window, per hour */
	CAT_SP_1Y,       /* Compute Savings Plan, 1 year no upfront, per hour */
	CAT_SP_3Y,
	CAT_RI_1Y,       /* Standard RI, 1 year no upfront (effective per hour) */
	CAT_RI_3Y,
	CAT_PRICE_N,
};

struct catalog_entry {
	char *provider;    /* "aws" */
	char *region;      /* "us-east-1" */
	char *service;     /* "ec2", "rds", "elasticache", "fargate", "lambda" */
	char *type;        /* "m7g.large", "db.r6g.xlarge", "cache.r7g.large" */
	char *family;      /* "m7g" */
	char *arch;        /* "x86_64" or "arm64" */
	double vcpu;
	double memory_gib;
	char *network;     /* network class as published, e.g. "up to 12.5 Gbps" */
	double perf;       /* relative per-vCPU throughput, 1.0 = baseline */
	money_t price[CAT_PRICE_N];        /* -1 when not published */
	double spot_interrupt_lo;          /* interruption band, percent/month */
	double spot_interrupt_hi;
	char *source;      /* where the prices were read */
	char *read_date;   /* when, YYYY-MM-DD */
};

struct catalog;

/* Load every catalog file in a directory, or one file. On a malformed row
 * returns -1 with d naming file:line:col. */
int catalog_load(const char *path, struct catalog **out, struct diag *d);
void catalog_free(struct catalog *c);
size_t catalog_count(const struct catalog *c);
const struct catalog_entry *catalog_get(const struct catalog *c, size_t i);
/* The entry for type in region (region NULL: the first with that type). */
const struct catalog_entry *catalog_find(const struct catalog *c,
					 const char *region, const char *type);
/* Same, also matching service when it is not NULL ("rds" and
 * "rds-multi-az" share their type names). */
const struct catalog_entry *catalog_find_service(const struct catalog *c,
						 const char *region,
						 const char *service,
						 const char *type);
/* The entries of e's provider, region and service (e one of c's), in
 * load order: the first, then the one after e (NULL after the last). A
 * walk costs the entries of that group, not the catalog. */
const struct catalog_entry *catalog_group_first(const struct catalog *c,
						const struct catalog_entry *e);
const struct catalog_entry *catalog_group_next(const struct catalog *c,
					       const struct catalog_entry *e);
/* Where the catalog is read from when the user names none:
 * $RIGHTSIZE_CATALOG, else the installed data folder (pkgdatadir/instances)
 * when it exists, else "data/instances" (a source tree). */
const char *catalog_default_path(void);
/* "on_demand", "spot", "sp_1y", "sp_3y", "ri_1y", "ri_3y". */
const char *catalog_price_name(enum catalog_price p);

#endif
