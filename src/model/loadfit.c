/*
 * loadfit.c - the load model (see loadfit.h for the model and its
 * assumptions): design, robust normal-equation fitting, harmonic
 * selection, held-out scoring, forecasts with intervals.
 *
 * Layer: engine, model. The only file that sees gsl_* types for the load
 * model.
 */
#include "config.h"

#include "model/loadfit.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "base/utc.h"

#define WEEK 604800
#define DAY 86400
/* Monday 1970-01-05 00:00 UTC: the origin of weekly phases. */
#define WEEK_ORIGIN 345600

/* Tuning constants of the robust fit, with 95% efficiency at the normal
 * distribution (Huber 1981; Beaton & Tukey 1974; the defaults of
 * gsl_multifit_robust and R's MASS::rlm). */
#define HUBER_K 1.345
#define BISQUARE_C 4.685
/* MAD to standard deviation at the normal distribution: 1/qnorm(0.75). */
#define MAD_SCALE 1.482602218505602
#define IRLS_MAX 30
/* Stop when no coefficient of log-load moves by more than 1e-6 (relative):
 * a millionth of a percent of load, far below any noise. */
#define IRLS_TOL 1e-6
/* The robust scale is the median of at most this many residuals, taken
 * at an even stride: the median's relative standard error is then about
 * 0.5%, and the cost no longer grows with the series. */
#define SCALE_SAMPLE 65536

#define MAXP (2 + 2 * LOADFIT_MAX_DAILY + 2 * LOADFIT_MAX_WEEKLY + LOADFIT_MAX_EVENTS)

enum wmode { W_OLS, W_HUBER, W_BISQUARE };

/* One fit's working state over rows [0, n_fit) of the series. */
struct fitctx {
	const double *y;
	size_t n, n_fit;
	int64_t start, step;
	double c;            /* log floor */
	double *z;           /* log(y + c), NAN for gaps */
	int64_t tref;        /* trend origin: middle of the fitted span */
	enum loadfit_trend trend;
	double g;            /* linear trend: growth per month */
	int kd, kw;          /* harmonics in the design (maximums) */
	int nh;              /* 2 kd + 2 kw */
	int ne;              /* event columns */
	int p;               /* 2 + nh + ne */
	size_t W;            /* row groups: positions in the week */
	double *harm;        /* W x nh harmonic values */
	uint32_t *day_mask;  /* events on day k of the series (bit per column) */
	size_t ndays;
	int64_t day0;
	double *r;           /* residuals of the current beta (NAN: not fitted) */
	double *work;        /* n doubles for order statistics */
	/* accumulators */
	double *S0, *S1, *S2, *Z0, *Z1;
	double xtx[MAXP * MAXP], xtz[MAXP], ztz;
	size_t nw;           /* rows with positive weight */
	double decay;        /* recency weight: exp(-decay x rows before the end) */
};

struct loadfit {
	int64_t start, step, end; /* end: time of the last point */
	size_t n;
	double c;
	int64_t tref;
	enum loadfit_trend trend;
	double g;
	int kd, kw, ne, p;
	unsigned char on[MAXP];
	double beta[MAXP];
	double inv[MAXP * MAXP];  /* (X'WX)^-1 of the chosen columns (full index) */
	double scale;
	double q[4];              /* residual quantiles 2.5, 10, 90, 97.5 % */
	char ename[LOADFIT_MAX_EVENTS][64];
	long epoints[LOADFIT_MAX_EVENTS];
	struct loadfit_event *events; /* copied */
	size_t nevents;
	struct loadfit_summary sum;
};

void
loadfit_opts_init(struct loadfit_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->trend = LOADFIT_TREND_EXP;
	o->criterion = LOADFIT_BIC;
	o->max_daily = LOADFIT_MAX_DAILY;
	o->max_weekly = LOADFIT_MAX_WEEKLY;
}

/* ---- events ----------------------------------------------------------- */

int
loadfit_parse_event(const char *spec, struct loadfit_event *e)
{
	const char *name;
	size_t n;

	memset(e, 0, sizeof(*e));
	while (isspace((unsigned char)*spec))
		spec++;
	if (strlen(spec) < 12 || (spec[10] != ':' && spec[10] != ','))
		return -1;
	if (utc_parse(spec, 10, &e->day) < 0)
		return -1;
	e->day = utc_floor_day(e->day);
	name = spec + 11;
	n = strlen(name);
	strn_trim(&name, &n);
	if (n == 0)
		return -1;
	if (n >= sizeof(e->name))
		n = sizeof(e->name) - 1;
	memcpy(e->name, name, n);
	e->name[n] = '\0';
	return 0;
}

int
loadfit_parse_events(const char *list, struct loadfit_event **ev, size_t *n)
{
	char *copy = xstrdup(list), *p = copy, *semi;
	int rc = 0;

	for (;;) {
		struct loadfit_event e;

		semi = strchr(p, ';');
		if (semi != NULL)
			*semi = '\0';
		if (loadfit_parse_event(p, &e) < 0) {
			rc = -1;
			break;
		}
		*ev = xrealloc(*ev, (*n + 1) * sizeof(**ev));
		(*ev)[(*n)++] = e;
		if (semi == NULL)
			break;
		p = semi + 1;
	}
	free(copy);
	return rc;
}

/* An event line is a date and a name; a longer line is refused rather
 * than split into two events. */
#define EVENTS_MAX_LINE 4096

int
loadfit_load_events(const char *path, struct loadfit_event **ev, size_t *n,
		    struct diag *d)
{
	FILE *f = fopen(path, "r");
	char line[EVENTS_MAX_LINE + 1];
	size_t len;
	long ln = 0;
	int got;

	if (f == NULL)
		return diag_set(d, path, 0, 0, "cannot open: %s", strerror(errno));
	while ((got = line_read(f, line, EVENTS_MAX_LINE, &len)) > 0) {
		const char *s = line;
		struct loadfit_event e;

		ln++;
		if (memchr(line, '\0', len) != NULL) {
			fclose(f);
			return diag_set(d, path, ln, (long)((char *)memchr(line, '\0', len) - line) + 1,
					"NUL byte: not a text file");
		}
		strn_trim(&s, &len);
		while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
		if (len == 0 || s[0] == '#')
			continue;
		((char *)s)[len] = '\0';
		if (loadfit_parse_event(s, &e) < 0) {
			fclose(f);
			return diag_set(d, path, ln, 1,
					"\"%.40s\" is not an event (YYYY-MM-DD:NAME)", s);
		}
		*ev = xrealloc(*ev, (*n + 1) * sizeof(**ev));
		(*ev)[(*n)++] = e;
	}
	fclose(f);
	if (got == -1)
		return diag_set(d, path, ln + 1, EVENTS_MAX_LINE + 1,
				"line longer than %d bytes", EVENTS_MAX_LINE);
	if (got == -2)
		return diag_set(d, path, ln + 1, 0, "read error: %s", strerror(errno));
	return 0;
}

/* ---- small numerics ----------------------------------------------------- */

/* k-th smallest of a[0..n) (quickselect, Hoare partition; reorders a). */
static double
select_kth(double *a, size_t n, size_t k)
{
	long lo = 0, hi = (long)n - 1, kk = (long)k;

	while (lo < hi) {
		double pivot = a[lo + (hi - lo) / 2];
		long i = lo, j = hi;

		while (i <= j) {
			while (a[i] < pivot)
				i++;
			while (a[j] > pivot)
				j--;
			if (i <= j) {
				double t = a[i];

				a[i] = a[j];
				a[j] = t;
				i++;
				j--;
			}
		}
		if (kk <= j)
			hi = j;
		else if (kk >= i)
			lo = i;
		else
			return a[kk];
	}
	return a[kk];
}

/* Quantile q of a[0..n) by linear interpolation between order
 * statistics (Hyndman & Fan type 7, as R and gsl_stats_quantile). */
static double
quantile(double *a, size_t n, double q)
{
	double h = q * (double)(n - 1);
	size_t k = (size_t)floor(h);
	double lo = select_kth(a, n, k), hi;

	if (k + 1 >= n)
		return lo;
	hi = select_kth(a, n, k + 1);
	return lo + (h - (double)k) * (hi - lo);
}

static double
weight(double u, enum wmode m)
{
	double a = fabs(u);

	switch (m) {
	case W_HUBER:
		return a <= HUBER_K ? 1.0 : HUBER_K / a;
	case W_BISQUARE:
		if (a >= BISQUARE_C)
			return 0.0;
		a /= BISQUARE_C;
		return (1 - a * a) * (1 - a * a);
	case W_OLS:
		break;
	}
	return 1.0;
}

/*
 * Solve the normal equations restricted to the columns in on[]: beta
 * (full index, 0 off the set); inv, when not NULL, gets the inverse of
 * the restricted X'WX (full index). Cholesky, or the SVD pseudo-inverse
 * (singular values below 1e-12 of the largest dropped) when X'WX is not
 * positive definite. -1 when there is nothing to solve.
 */
static int
solve(const double *xtx, const double *xtz, int p, const unsigned char *on,
      double *beta, double *inv)
{
	int idx[MAXP], m = 0, i, j, rc = -1;
	gsl_matrix *A = NULL, *V = NULL, *Ainv = NULL;
	gsl_vector *b = NULL, *x = NULL, *S = NULL, *wk = NULL;

	for (i = 0; i < p; i++) {
		if (on[i])
			idx[m++] = i;
	}
	if (m == 0)
		return -1;
	A = gsl_matrix_alloc((size_t)m, (size_t)m);
	b = gsl_vector_alloc((size_t)m);
	x = gsl_vector_alloc((size_t)m);
	Ainv = gsl_matrix_alloc((size_t)m, (size_t)m);
	for (i = 0; i < m; i++) {
		gsl_vector_set(b, (size_t)i, xtz[idx[i]]);
		for (j = 0; j < m; j++)
			gsl_matrix_set(A, (size_t)i, (size_t)j, xtx[idx[i] * p + idx[j]]);
	}
	gsl_matrix_memcpy(Ainv, A);
	if (gsl_linalg_cholesky_decomp1(Ainv) == GSL_SUCCESS) {
		gsl_linalg_cholesky_solve(Ainv, b, x);
		gsl_linalg_cholesky_invert(Ainv);
	} else {
		double smax;

		V = gsl_matrix_alloc((size_t)m, (size_t)m);
		S = gsl_vector_alloc((size_t)m);
		wk = gsl_vector_alloc((size_t)m);
		gsl_matrix_memcpy(Ainv, A);
		if (gsl_linalg_SV_decomp(Ainv, V, S, wk) != GSL_SUCCESS)
			goto out;
		smax = gsl_vector_get(S, 0);
		if (!(smax > 0))
			goto out;
		for (i = 0; i < m; i++) {
			if (gsl_vector_get(S, (size_t)i) < 1e-12 * smax)
				gsl_vector_set(S, (size_t)i, 0);
		}
		gsl_linalg_SV_solve(Ainv, V, S, b, x);
		/* pseudo-inverse V S^-1 U' (U is in Ainv) */
		{
			gsl_matrix *P = gsl_matrix_alloc((size_t)m, (size_t)m);
			int k;

			for (i = 0; i < m; i++) {
				for (j = 0; j < m; j++) {
					double sacc = 0;

					for (k = 0; k < m; k++) {
						double sk = gsl_vector_get(S, (size_t)k);

						if (sk > 0)
							sacc += gsl_matrix_get(V, (size_t)i, (size_t)k) *
								gsl_matrix_get(Ainv, (size_t)j, (size_t)k) / sk;
					}
					gsl_matrix_set(P, (size_t)i, (size_t)j, sacc);
				}
			}
			gsl_matrix_memcpy(Ainv, P);
			gsl_matrix_free(P);
		}
	}
	for (i = 0; i < p; i++)
		beta[i] = 0;
	for (i = 0; i < m; i++)
		beta[idx[i]] = gsl_vector_get(x, (size_t)i);
	if (inv != NULL) {
		for (i = 0; i < p * p; i++)
			inv[i] = 0;
		for (i = 0; i < m; i++) {
			for (j = 0; j < m; j++)
				inv[idx[i] * p + idx[j]] = gsl_matrix_get(Ainv, (size_t)i, (size_t)j);
		}
	}
	rc = 0;
	for (i = 0; i < p; i++) {
		if (!isfinite(beta[i]))
			rc = -1;
	}
out:
	gsl_matrix_free(A);
	gsl_matrix_free(V);
	gsl_matrix_free(Ainv);
	gsl_vector_free(b);
	gsl_vector_free(x);
	gsl_vector_free(S);
	gsl_vector_free(wk);
	return rc;
}

/* ---- the design ------------------------------------------------------- */

static int64_t
pos_mod(int64_t a, int64_t m)
{
	int64_t r = a % m;

	return r < 0 ? r + m : r;
}

/* Harmonic regressors at time t: cos/sin pairs of kd daily then kw
 * weekly harmonics. */
static void
harmonics_at(int64_t t, int kd, int kw, double *h)
{
	double dfrac = (double)pos_mod(t, DAY) / DAY;
	double wfrac = (double)pos_mod(t - WEEK_ORIGIN, WEEK) / WEEK;
	int k, o = 0;

	for (k = 1; k <= kd; k++) {
		h[o++] = cos(2 * M_PI * k * dfrac);
		h[o++] = sin(2 * M_PI * k * dfrac);
	}
	for (k = 1; k <= kw; k++) {
		h[o++] = cos(2 * M_PI * k * wfrac);
		h[o++] = sin(2 * M_PI * k * wfrac);
	}
}

static double
tau_of(int64_t t, int64_t tref)
{
	return (double)(t - tref) / LOADFIT_MONTH;
}

/* The trend's offset in log-load for the linear trend (0 otherwise);
 * NAN where 1 + g tau <= 0 (the line has reached zero). */
static double
trend_offset(enum loadfit_trend tr, double g, double tau)
{
	if (tr != LOADFIT_TREND_LINEAR)
		return 0;
	if (1 + g * tau <= 1e-9)
		return NAN;
	return log1p(g * tau);
}

/* Column mask: intercept, trend (exp), kd daily and kw weekly harmonics
 * (up to the design's), event columns with fitted points. */
static void
make_mask(const struct fitctx *x, int kd, int kw, const long *epoints,
	  unsigned char *on)
{
	int k;

	memset(on, 0, MAXP);
	on[0] = 1;
	on[1] = x->trend == LOADFIT_TREND_EXP;
	for (k = 0; k < kd; k++) {
		on[2 + 2 * k] = 1;
		on[3 + 2 * k] = 1;
	}
	for (k = 0; k < kw; k++) {
		on[2 + 2 * x->kd + 2 * k] = 1;
		on[3 + 2 * x->kd + 2 * k] = 1;
	}
	for (k = 0; k < x->ne; k++)
		on[2 + x->nh + k] = epoints[k] > 0;
}

static uint32_t
row_events(const struct fitctx *x, int64_t t)
{
	int64_t k;

	if (x->ndays == 0)
		return 0;
	k = (utc_floor_day(t) - x->day0) / DAY;
	if (k < 0 || (size_t)k >= x->ndays)
		return 0;
	return x->day_mask[k];
}

/* Residuals of beta on the fitted rows into x->r. */
static void
residuals(struct fitctx *x, const double *beta)
{
	double *gj = xmalloc(x->W * sizeof(double));
	double tau0 = tau_of(x->start, x->tref), dtau = (double)x->step / LOADFIT_MONTH;
	int linear = x->trend == LOADFIT_TREND_LINEAR;
	size_t i, j;
	int a;

	for (j = 0; j < x->W; j++) {
		double s = 0;

		for (a = 0; a < x->nh; a++)
			s += x->harm[j * (size_t)x->nh + (size_t)a] * beta[2 + a];
		gj[j] = s;
	}
	for (i = 0, j = 0; i < x->n; i++, j = j + 1 == x->W ? 0 : j + 1) {
		int64_t t = x->start + (int64_t)i * x->step;
		double tau, pred, off;
		uint32_t em;

		if (i >= x->n_fit || isnan(x->z[i])) {
			x->r[i] = NAN;
			continue;
		}
		tau = tau0 + (double)i * dtau;
		off = linear ? trend_offset(x->trend, x->g, tau) : 0;
		if (isnan(off)) {
			x->r[i] = NAN;
			continue;
		}
		pred = beta[0] + beta[1] * tau + gj[j] + off;
		em = x->ne > 0 ? row_events(x, t) : 0;
		for (a = 0; em != 0 && a < x->ne; a++) {
			if (em & (1u << a))
				pred += beta[2 + x->nh + a];
		}
		x->r[i] = x->z[i] - pred;
	}
	free(gj);
}

/* Robust scale: median |r| / 0.6745 over fitted rows (the residuals of
 * a fit with an intercept are centred). */
static double
robust_scale(struct fitctx *x)
{
	size_t i, m = 0, stride = x->n_fit / SCALE_SAMPLE + 1;
	double s;

	for (i = 0; i < x->n_fit; i += stride) {
		if (!isnan(x->r[i]))
			x->work[m++] = fabs(x->r[i]);
	}
	if (m == 0) {
		for (i = 0; i < x->n_fit; i++) {
			if (!isnan(x->r[i]))
				x->work[m++] = fabs(x->r[i]);
		}
	}
	if (m == 0)
		return NAN;
	s = MAD_SCALE * select_kth(x->work, m, m / 2);
	return s > 1e-12 ? s : 1e-12;
}

/*
 * One pass: weights from the current residuals x->r (scaled by s) and the
 * normal equations X'WX, X'Wz. Rows off event days are folded into their
 * week position's sums (S0 = sum w, S1 = sum w tau, S2 = sum w tau^2,
 * Z0 = sum w z, Z1 = sum w tau z), so the p x p work is done once per
 * position, not per row; event rows are added one by one.
 */
static void
accumulate(struct fitctx *x, enum wmode m, double s)
{
	int p = x->p, a, b;
	size_t i, j;
	double xv[MAXP];

	memset(x->xtx, 0, sizeof(x->xtx));
	memset(x->xtz, 0, sizeof(x->xtz));
	x->ztz = 0;
	x->nw = 0;
	memset(x->S0, 0, x->W * sizeof(double));
	memset(x->S1, 0, x->W * sizeof(double));
	memset(x->S2, 0, x->W * sizeof(double));
	memset(x->Z0, 0, x->W * sizeof(double));
	memset(x->Z1, 0, x->W * sizeof(double));
	double tau0 = tau_of(x->start, x->tref), dtau = (double)x->step / LOADFIT_MONTH;
	double inv_s = 1 / s;
	int linear = x->trend == LOADFIT_TREND_LINEAR;

	for (i = 0, j = 0; i < x->n_fit; i++, j = j + 1 == x->W ? 0 : j + 1) {
		int64_t t = x->start + (int64_t)i * x->step;
		double w, tau, zz;
		uint32_t em;

		if (isnan(x->r[i]))
			continue;
		w = m == W_OLS ? 1.0 : weight(x->r[i] * inv_s, m);
		if (w <= 0)
			continue;
		if (x->decay > 0)
			w *= exp(-x->decay * (double)(x->n_fit - 1 - i));
		x->nw++;
		tau = tau0 + (double)i * dtau;
		zz = linear ? x->z[i] - trend_offset(x->trend, x->g, tau) : x->z[i];
		x->ztz += w * zz * zz;
		em = x->ne > 0 ? row_events(x, t) : 0;
		if (em == 0) {
			x->S0[j] += w;
			x->S1[j] += w * tau;
			x->S2[j] += w * tau * tau;
			x->Z0[j] += w * zz;
			x->Z1[j] += w * tau * zz;
			continue;
		}
		xv[0] = 1;
		xv[1] = tau;
		memcpy(xv + 2, x->harm + j * (size_t)x->nh, (size_t)x->nh * sizeof(double));
		for (a = 0; a < x->ne; a++)
			xv[2 + x->nh + a] = (em & (1u << a)) ? 1 : 0;
		for (a = 0; a < p; a++) {
			x->xtz[a] += w * xv[a] * zz;
			for (b = a; b < p; b++)
				x->xtx[a * p + b] += w * xv[a] * xv[b];
		}
	}
	for (j = 0; j < x->W; j++) {
		const double *h = x->harm + j * (size_t)x->nh;
		double s0 = x->S0[j], s1 = x->S1[j];

		if (s0 <= 0)
			continue;
		x->xtx[0] += s0;
		x->xtx[1] += s1;
		x->xtx[p + 1] += x->S2[j];
		x->xtz[0] += x->Z0[j];
		x->xtz[1] += x->Z1[j];
		for (a = 0; a < x->nh; a++) {
			double ha = h[a];

			x->xtx[2 + a] += s0 * ha;
			x->xtx[p + 2 + a] += s1 * ha;
			x->xtz[2 + a] += x->Z0[j] * ha;
			for (b = a; b < x->nh; b++)
				x->xtx[(2 + a) * p + 2 + b] += s0 * ha * h[b];
		}
	}
	for (a = 0; a < p; a++) {
		for (b = 0; b < a; b++)
			x->xtx[a * p + b] = x->xtx[b * p + a];
	}
}

/*
 * IRLS on the columns in on[]: OLS, then Huber, then bisquare
 * iterations, each to convergence (max coefficient change below
 * IRLS_TOL x (1 + |beta|)). Leaves beta, the scale, x->r (residuals of
 * beta) and the last pass's normal equations (bisquare weights).
 */
static int
irls(struct fitctx *x, const unsigned char *on, double *beta, double *scale,
     double *inv, int warm)
{
	double prev[MAXP], s = 1;
	int it, a;
	enum wmode m;

	if (warm) {
		/* start from beta (a larger model's) restricted to on[] */
		for (a = 0; a < MAXP; a++) {
			if (!on[a])
				beta[a] = 0;
		}
	} else {
		memset(beta, 0, MAXP * sizeof(double));
		residuals(x, beta);
		accumulate(x, W_OLS, 1);
		if (solve(x->xtx, x->xtz, x->p, on, beta, NULL) < 0)
			return -1;
	}
	for (m = warm ? W_BISQUARE : W_HUBER; m <= W_BISQUARE; m++) {
		for (it = 0; it < IRLS_MAX; it++) {
			double dmax = 0;


			residuals(x, beta);
			s = robust_scale(x);
			if (isnan(s))
				return -1;
			accumulate(x, m, s);
			memcpy(prev, beta, sizeof(prev));
			if (solve(x->xtx, x->xtz, x->p, on, beta, NULL) < 0)
				return -1;
			for (a = 0; a < x->p; a++) {
				double dd = fabs(beta[a] - prev[a]) / (1 + fabs(beta[a]));

				if (dd > dmax)
					dmax = dd;
			}
			if (dmax < IRLS_TOL)
				break;
		}
	}
	residuals(x, beta);
	s = robust_scale(x);
	accumulate(x, W_BISQUARE, s);
	if (solve(x->xtx, x->xtz, x->p, on, beta, inv) < 0)
		return -1;
	residuals(x, beta);
	*scale = s;
	return 0;
}

/* Weighted residual sum of squares of the LS solution on on[] from the
 * accumulated normal equations: z'Wz - b'X'Wz. */
static double
wrss(const struct fitctx *x, const unsigned char *on, int *np)
{
	double beta[MAXP], r;
	int a;

	if (solve(x->xtx, x->xtz, x->p, on, beta, NULL) < 0)
		return NAN;
	r = x->ztz;
	*np = 0;
	for (a = 0; a < x->p; a++) {
		r -= beta[a] * x->xtz[a];
		*np += on[a];
	}
	return r > 0 ? r : 1e-300;
}

/* ---- one complete fit over rows [0, n_fit) -------------------------------- */

static void
ctx_fini(struct fitctx *x)
{
	free(x->z);
	free(x->harm);
	free(x->day_mask);
	free(x->r);
	free(x->work);
	free(x->S0);
	free(x->S1);
	free(x->S2);
	free(x->Z0);
	free(x->Z1);
}

/* Distinct event names in the order first seen; column of each event. */
static int
event_columns(const struct loadfit_opts *o, char names[][64], int *col)
{
	size_t i;
	int ne = 0, k;

	for (i = 0; i < o->nevents; i++) {
		for (k = 0; k < ne; k++) {
			if (strcmp(names[k], o->events[i].name) == 0)
				break;
		}
		if (k == ne) {
			if (ne == LOADFIT_MAX_EVENTS)
				return -1;
			snprintf(names[ne++], 64, "%s", o->events[i].name);
		}
		col[i] = k;
	}
	return ne;
}

static int
ctx_init(struct fitctx *x, const struct series *s, size_t n_fit,
	 const struct loadfit_opts *o, struct diag *d)
{
	size_t i, j, m = 0;
	double sum = 0;
	int64_t span = (int64_t)n_fit * s->step;
	int ecol[1024];
	char names[LOADFIT_MAX_EVENTS][64];
	int maxd, maxw;

	memset(x, 0, sizeof(*x));
	x->y = s->v;
	x->n = s->n;
	x->n_fit = n_fit;
	x->start = s->start;
	x->step = s->step;
	x->trend = o->trend;
	if (o->halflife > 0)
		x->decay = log(2.0) * (double)s->step / (double)o->halflife;
	for (i = 0; i < n_fit; i++) {
		if (!isnan(s->v[i]) && s->v[i] >= 0) {
			sum += s->v[i];
			m++;
		}
	}
	if (m == 0 || !(sum > 0))
		return diag_set(d, s->name, 0, 0, "series %s has no positive load to fit",
				s->name);
	x->c = LOADFIT_LOG_FLOOR * sum / (double)m;
	x->z = xmalloc(x->n * sizeof(double));
	for (i = 0; i < x->n; i++)
		x->z[i] = (!isnan(s->v[i]) && s->v[i] >= 0) ? log(s->v[i] + x->c) : NAN;
	x->tref = s->start + span / 2;
	/* harmonics below the Nyquist frequency, and only with enough span:
	 * two days for daily, two weeks for weekly cycles */
	maxd = o->max_daily;
	maxw = o->max_weekly;
	if (maxd > LOADFIT_MAX_DAILY)
		maxd = LOADFIT_MAX_DAILY;
	if (maxw > LOADFIT_MAX_WEEKLY)
		maxw = LOADFIT_MAX_WEEKLY;
	while (maxd > 0 && 2 * maxd * s->step >= DAY)
		maxd--;
	while (maxw > 0 && 2 * maxw * s->step >= WEEK)
		maxw--;
	if (span < 2 * DAY)
		maxd = 0;
	if (span < 2 * WEEK)
		maxw = 0;
	x->kd = maxd;
	x->kw = maxw;
	x->nh = 2 * maxd + 2 * maxw;
	if (o->nevents > ARRAY_SIZE(ecol))
		return diag_set(d, NULL, 0, 0, "more than %zu events", ARRAY_SIZE(ecol));
	x->ne = event_columns(o, names, ecol);
	if (x->ne < 0)
		return diag_set(d, NULL, 0, 0, "more than %d distinct event names",
				LOADFIT_MAX_EVENTS);
	x->p = 2 + x->nh + x->ne;
	/* rows in the same position of the week share their harmonics */
	x->W = (WEEK % s->step == 0) ? (size_t)(WEEK / s->step) : x->n;
	if (x->W > x->n)
		x->W = x->n ? x->n : 1;
	x->harm = xmalloc(x->W * (size_t)(x->nh ? x->nh : 1) * sizeof(double));
	for (j = 0; j < x->W; j++)
		harmonics_at(s->start + (int64_t)j * s->step, x->kd, x->kw,
			     x->harm + j * (size_t)x->nh);
	if (x->ne > 0) {
		x->day0 = utc_floor_day(s->start);
		x->ndays = (size_t)((series_time(s, s->n ? s->n - 1 : 0) - x->day0) / DAY) + 1;
		x->day_mask = xcalloc(x->ndays, sizeof(uint32_t));
		for (i = 0; i < o->nevents; i++) {
			int64_t k = (o->events[i].day - x->day0) / DAY;

			if (o->events[i].day >= x->day0 && (size_t)k < x->ndays)
				x->day_mask[k] |= 1u << ecol[i];
		}
	}
	x->r = xmalloc(x->n * sizeof(double));
	x->work = xmalloc(x->n * sizeof(double));
	x->S0 = xmalloc(x->W * sizeof(double));
	x->S1 = xmalloc(x->W * sizeof(double));
	x->S2 = xmalloc(x->W * sizeof(double));
	x->Z0 = xmalloc(x->W * sizeof(double));
	x->Z1 = xmalloc(x->W * sizeof(double));
	return 0;
}

/*
 * Fit rows [0, n_fit) into m: IRLS on all candidate columns, harmonic
 * counts by the criterion from the robust normal equations, IRLS on the
 * chosen columns; for a linear trend, g by golden-section search on the
 * weighted residual sum of squares, then IRLS again.
 */
static int
fit_range(const struct series *s, size_t n_fit, const struct loadfit_opts *o,
	  struct loadfit *m, struct diag *d)
{
	struct fitctx x;
	unsigned char on[MAXP];
	long epoints[LOADFIT_MAX_EVENTS];
	double best = INFINITY, beta[MAXP], scale;
	int kd, kw, bkd = 0, bkw = 0, a, rc = -1;
	size_t i, nfit_rows = 0;

	if (ctx_init(&x, s, n_fit, o, d) < 0)
		goto out;
	for (i = 0; i < n_fit; i++)
		nfit_rows += !isnan(x.z[i]);
	if (nfit_rows < (size_t)x.p + 10) {
		diag_set(d, s->name, 0, 0, "series %s: %zu points are too few to fit %d terms",
			 s->name, nfit_rows, x.p);
		goto out;
	}
	/* fitted points per event column */
	memset(epoints, 0, sizeof(epoints));
	for (i = 0; i < n_fit; i++) {
		uint32_t em;

		if (isnan(x.z[i]))
			continue;
		em = row_events(&x, series_time(s, i));
		for (a = 0; em != 0 && a < x.ne; a++)
			epoints[a] += (em >> a) & 1u;
	}
	/* linear trend: start from the exponential fit's weights */
	if (o->trend == LOADFIT_TREND_LINEAR)
		x.trend = LOADFIT_TREND_EXP;
	make_mask(&x, x.kd, x.kw, epoints, on);
	if (irls(&x, on, beta, &scale, NULL, 0) < 0)
		goto singular;
	for (kd = 0; kd <= x.kd; kd++) {
		for (kw = 0; kw <= x.kw; kw++) {
			unsigned char on2[MAXP];
			int np;
			double rss, crit, nn = (double)x.nw;

			make_mask(&x, kd, kw, epoints, on2);
			rss = wrss(&x, on2, &np);
			if (isnan(rss))
				continue;
			crit = nn * log(rss / nn) +
			       (o->criterion == LOADFIT_AIC ? 2.0 : log(nn)) * np;
			if (crit < best - 1e-9) {
				best = crit;
				bkd = kd;
				bkw = kw;
			}
		}
	}
	if (o->trend == LOADFIT_TREND_LINEAR) {
		/* profile g with the robust weights of the exponential fit */
		double lo = -INFINITY, hi = INFINITY, t0, t1;
		double gr = (sqrt(5.0) - 1) / 2, ga, gb, fa, fb;
		unsigned char on2[MAXP];
		int np, itg;

		t0 = tau_of(s->start, x.tref);
		t1 = tau_of(series_time(s, n_fit - 1), x.tref);
		/* 1 + g tau > 0 over the fitted span */
		if (t1 > 0)
			lo = -1 / t1;
		if (t0 < 0)
			hi = -1 / t0;
		lo = lo * 0.999;
		hi = hi * 0.999;
		x.trend = LOADFIT_TREND_LINEAR;
		make_mask(&x, bkd, bkw, epoints, on2);
		ga = hi - gr * (hi - lo);
		gb = lo + gr * (hi - lo);
		x.g = ga;
		accumulate(&x, W_BISQUARE, scale);
		fa = wrss(&x, on2, &np);
		x.g = gb;
		accumulate(&x, W_BISQUARE, scale);
		fb = wrss(&x, on2, &np);
		for (itg = 0; itg < 60 && hi - lo > 1e-7; itg++) {
			if (fa < fb) {
				hi = gb;
				gb = ga;
				fb = fa;
				ga = hi - gr * (hi - lo);
				x.g = ga;
				accumulate(&x, W_BISQUARE, scale);
				fa = wrss(&x, on2, &np);
			} else {
				lo = ga;
				ga = gb;
				fa = fb;
				gb = lo + gr * (hi - lo);
				x.g = gb;
				accumulate(&x, W_BISQUARE, scale);
				fb = wrss(&x, on2, &np);
			}
		}
		x.g = (lo + hi) / 2;
	}
	make_mask(&x, bkd, bkw, epoints, on);
	if (irls(&x, on, beta, &scale, m->inv, o->trend != LOADFIT_TREND_LINEAR) < 0)
		goto singular;

	/* the model */
	m->start = s->start;
	m->step = s->step;
	m->n = n_fit;
	m->end = series_time(s, n_fit - 1);
	m->c = x.c;
	m->tref = x.tref;
	m->trend = o->trend;
	m->g = x.g;
	m->kd = x.kd;
	m->kw = x.kw;
	m->ne = x.ne;
	m->p = x.p;
	memcpy(m->on, on, sizeof(on));
	memcpy(m->beta, beta, sizeof(beta));
	m->scale = scale;
	memcpy(m->epoints, epoints, sizeof(epoints));
	m->sum.daily_k = bkd;
	m->sum.weekly_k = bkw;
	m->sum.params = 0;
	for (a = 0; a < x.p; a++)
		m->sum.params += on[a];
	m->sum.trend = o->trend;
	m->sum.scale = scale;
	m->sum.log_floor = x.c;
	/* residual quantiles of the inliers, and the fit's R^2 */
	{
		size_t k = 0, out = 0, nn = 0;
		double sy = 0, syy = 0, sres = 0, sz = 0, szz = 0, sresz = 0;

		for (i = 0; i < n_fit; i++) {
			double r = x.r[i], yh, zh;

			if (isnan(r))
				continue;
			if (fabs(r / scale) >= BISQUARE_C)
				out++;
			else
				x.work[k++] = r;
			zh = x.z[i] - r;
			yh = exp(zh) - x.c;
			if (yh < 0)
				yh = 0;
			nn++;
			sy += s->v[i];
			syy += s->v[i] * s->v[i];
			sres += (s->v[i] - yh) * (s->v[i] - yh);
			sz += x.z[i];
			szz += x.z[i] * x.z[i];
			sresz += r * r;
		}
		m->sum.points = nn;
		m->sum.outliers = out;
		m->sum.negative = 0;
		for (i = 0; i < n_fit; i++)
			m->sum.negative += s->v[i] < 0;
		m->sum.r2 = 1 - sres / (syy - sy * sy / (double)nn);
		m->sum.r2_log = 1 - sresz / (szz - sz * sz / (double)nn);
		if (k < 4) {
			for (a = 0; a < 4; a++)
				m->q[a] = 0;
		} else {
			m->q[0] = quantile(x.work, k, 0.025);
			m->q[1] = quantile(x.work, k, 0.10);
			m->q[2] = quantile(x.work, k, 0.90);
			m->q[3] = quantile(x.work, k, 0.975);
		}
	}
	rc = 0;
	goto out;
singular:
	diag_set(d, s->name, 0, 0, "series %s: the model cannot be fitted (singular system)",
		 s->name);
out:
	ctx_fini(&x);
	return rc;
}

/* ---- prediction ---------------------------------------------------------- */

static uint32_t
model_events(const struct loadfit *m, int64_t t)
{
	int64_t day = utc_floor_day(t);
	uint32_t em = 0;
	size_t i;
	int k;

	for (i = 0; i < m->nevents; i++) {
		if (m->events[i].day != day)
			continue;
		for (k = 0; k < m->ne; k++) {
			if (strcmp(m->ename[k], m->events[i].name) == 0)
				em |= 1u << k;
		}
	}
	return em;
}

void
loadfit_predict(const struct loadfit *m, int64_t t, struct loadfit_point *pt)
{
	double xv[MAXP], z = 0, h = 0, tau = tau_of(t, m->tref), off, f;
	uint32_t em = model_events(m, t);
	int a, b, nh = 2 * m->kd + 2 * m->kw;

	memset(xv, 0, sizeof(xv));
	xv[0] = 1;
	xv[1] = tau;
	harmonics_at(t, m->kd, m->kw, xv + 2);
	for (a = 0; a < m->ne; a++)
		xv[2 + nh + a] = (em >> a) & 1u;
	off = trend_offset(m->trend, m->g, tau);
	pt->t = t;
	if (isnan(off)) {
		/* a falling line that has reached zero */
		pt->mean = pt->lo80 = pt->hi80 = pt->lo95 = pt->hi95 = 0;
		return;
	}
	for (a = 0; a < m->p; a++) {
		if (!m->on[a])
			xv[a] = 0;
		z += m->beta[a] * xv[a];
	}
	z += off;
	for (a = 0; a < m->p; a++) {
		for (b = 0; b < m->p; b++)
			h += xv[a] * m->inv[a * m->p + b] * xv[b];
	}
	f = sqrt(1 + (h > 0 ? h : 0));
	pt->mean = fmax(exp(z) - m->c, 0);
	pt->lo95 = fmax(exp(z + m->q[0] * f) - m->c, 0);
	pt->lo80 = fmax(exp(z + m->q[1] * f) - m->c, 0);
	pt->hi80 = fmax(exp(z + m->q[2] * f) - m->c, 0);
	pt->hi95 = fmax(exp(z + m->q[3] * f) - m->c, 0);
}

/* Seasonal factor exp(harmonics) at t (no level, trend or events). */
static double
seasonal(const struct loadfit *m, int64_t t)
{
	double h[2 * LOADFIT_MAX_DAILY + 2 * LOADFIT_MAX_WEEKLY], z = 0;
	int a, nh = 2 * m->kd + 2 * m->kw;

	harmonics_at(t, m->kd, m->kw, h);
	for (a = 0; a < nh; a++) {
		if (m->on[2 + a])
			z += m->beta[2 + a] * h[a];
	}
	return exp(z);
}

/* Planner's figures from the coefficients. */
static void
summarize(struct loadfit *m)
{
	struct loadfit_summary *s = &m->sum;
	double hour[24] = { 0 }, wday[7] = { 0 }, sum = 0, peak = 0, z975;
	int k, i, nh = 2 * m->kd + 2 * m->kw;
	const int per_hour = 6; /* ten-minute samples of the weekly cycle */

	z975 = gsl_cdf_ugaussian_Pinv(0.975);
	if (m->trend == LOADFIT_TREND_EXP) {
		double se = m->scale * sqrt(fmax(m->inv[1 * m->p + 1], 0));

		s->growth_month = expm1(m->beta[1]);
		s->growth_lo = expm1(m->beta[1] - z975 * se);
		s->growth_hi = expm1(m->beta[1] + z975 * se);
	} else if (m->trend == LOADFIT_TREND_LINEAR) {
		s->growth_month = m->g;
		s->growth_lo = s->growth_hi = NAN;
	} else {
		s->growth_month = 0;
		s->growth_lo = s->growth_hi = NAN;
	}
	for (i = 0; i < 7 * 24 * per_hour; i++) {
		int64_t t = WEEK_ORIGIN + (int64_t)i * 3600 / per_hour;
		double f = seasonal(m, t);

		hour[(i / per_hour) % 24] += f;
		wday[i / (24 * per_hour)] += f;
		sum += f;
		if (f > peak)
			peak = f;
	}
	s->peak_hour = s->trough_hour = 0;
	s->peak_weekday = 0;
	for (k = 1; k < 24; k++) {
		if (hour[k] > hour[s->peak_hour])
			s->peak_hour = k;
		if (hour[k] < hour[s->trough_hour])
			s->trough_hour = k;
	}
	for (k = 1; k < 7; k++) {
		if (wday[k] > wday[s->peak_weekday])
			s->peak_weekday = k;
	}
	s->peak_to_mean = peak / (sum / (7 * 24 * per_hour));
	if (s->daily_k == 0)
		s->peak_hour = s->trough_hour = -1;
	if (s->weekly_k == 0)
		s->peak_weekday = -1;
	/* mean fitted load over the last week of history */
	{
		double acc = 0;
		int nl = 0;

		for (i = 0; i < 168 && m->end - (int64_t)i * 3600 >= m->start; i++) {
			struct loadfit_point p;

			loadfit_predict(m, m->end - (int64_t)i * 3600, &p);
			acc += p.mean;
			nl++;
		}
		s->level_end = nl > 0 ? acc / nl : NAN;
	}
	s->nevents = (size_t)m->ne;
	for (k = 0; k < m->ne; k++) {
		struct loadfit_event_effect *e = &s->events[k];
		int c = 2 + nh + k;

		snprintf(e->name, sizeof(e->name), "%s", m->ename[k]);
		e->points = m->epoints[k];
		if (!m->on[c]) {
			e->uplift = e->lo = e->hi = NAN;
			continue;
		}
		{
			double se = m->scale * sqrt(fmax(m->inv[c * m->p + c], 0));

			e->uplift = expm1(m->beta[c]);
			e->lo = expm1(m->beta[c] - z975 * se);
			e->hi = expm1(m->beta[c] + z975 * se);
		}
	}
}

/* ---- the entry point ---------------------------------------------------- */

static void
copy_events(struct loadfit *m, const struct loadfit_opts *o)
{
	char names[LOADFIT_MAX_EVENTS][64];
	int col[1024];

	if (o->nevents == 0)
		return;
	m->events = xmalloc(o->nevents * sizeof(*m->events));
	memcpy(m->events, o->events, o->nevents * sizeof(*m->events));
	m->nevents = o->nevents;
	if (event_columns(o, names, col) > 0)
		memcpy(m->ename, names, sizeof(names));
}

int
loadfit_fit(const struct series *s, const struct loadfit_opts *o,
	    struct loadfit **out, struct diag *d)
{
	struct loadfit *m = xcalloc(1, sizeof(*m));
	int64_t hold = o->holdout;
	size_t nh = 0, i;
	double mape = 0, mnaive = 0;
	size_t nm = 0, in80 = 0, in95 = 0, ncov = 0, lag;
	int naive_ok = 1;

	*out = NULL;
	if (s->n < 3 || s->step <= 0) {
		free(m);
		return diag_set(d, s->name, 0, 0, "series %s is too short to fit", s->name);
	}
	copy_events(m, o);
	if (hold == 0) {
		int64_t span = (int64_t)s->n * s->step;

		hold = LOADFIT_HOLDOUT_DAYS * (int64_t)DAY;
		if (hold > span / 4)
			hold = span / 4;
	}
	if (hold > 0)
		nh = (size_t)(hold / s->step);
	m->sum.mape = m->sum.mape_naive = m->sum.cover80 = m->sum.cover95 = NAN;
	if (nh > 0 && nh < s->n && s->n - nh >= 20) {
		struct loadfit *t = xcalloc(1, sizeof(*t));
		struct diag d2;

		t->events = m->events;
		t->nevents = m->nevents;
		memcpy(t->ename, m->ename, sizeof(m->ename));
		if (fit_range(s, s->n - nh, o, t, &d2) == 0) {
			lag = (size_t)((WEEK + s->step / 2) / s->step);
			naive_ok = s->n - nh >= lag;
			for (i = s->n - nh; i < s->n; i++) {
				struct loadfit_point p;
				double y = s->v[i];

				if (isnan(y))
					continue;
				loadfit_predict(t, series_time(s, i), &p);
				ncov++;
				in80 += y >= p.lo80 && y <= p.hi80;
				in95 += y >= p.lo95 && y <= p.hi95;
				if (!(y > 0))
					continue;
				if (naive_ok && (i < lag || isnan(s->v[i - lag])))
					continue;
				mape += fabs(p.mean - y) / y;
				if (naive_ok)
					mnaive += fabs(s->v[i - lag] - y) / y;
				nm++;
			}
			m->sum.holdout_points = ncov;
			if (nm > 0) {
				m->sum.mape = mape / (double)nm;
				m->sum.mape_naive = naive_ok ? mnaive / (double)nm : NAN;
			}
			if (ncov > 0) {
				m->sum.cover80 = (double)in80 / (double)ncov;
				m->sum.cover95 = (double)in95 / (double)ncov;
			}
		}
		free(t);
	}
	{
		struct loadfit_summary keep = m->sum;

		if (fit_range(s, s->n, o, m, d) < 0) {
			loadfit_free(m);
			return -1;
		}
		m->sum.holdout_points = keep.holdout_points;
		m->sum.mape = keep.mape;
		m->sum.mape_naive = keep.mape_naive;
		m->sum.cover80 = keep.cover80;
		m->sum.cover95 = keep.cover95;
	}
	summarize(m);
	*out = m;
	return 0;
}

void
loadfit_free(struct loadfit *m)
{
	if (m == NULL)
		return;
	free(m->events);
	free(m);
}

void
loadfit_summary(const struct loadfit *m, struct loadfit_summary *s)
{
	*s = m->sum;
}

int
loadfit_harmonic(const struct loadfit *m, int64_t period, int k, double *amp,
		 double *peak)
{
	int c;
	double a, b, ph;

	if (k < 1)
		return -1;
	if (period == DAY && k <= m->kd)
		c = 2 + 2 * (k - 1);
	else if (period == WEEK && k <= m->kw)
		c = 2 + 2 * m->kd + 2 * (k - 1);
	else
		return -1;
	if (!m->on[c])
		return -1;
	a = m->beta[c];
	b = m->beta[c + 1];
	*amp = hypot(a, b);
	/* a cos x + b sin x = A cos(x - phi), phi = atan2(b, a); the peak
	 * is at x = phi, i.e. at phase phi / (2 pi k) of the period */
	ph = atan2(b, a);
	if (ph < 0)
		ph += 2 * M_PI;
	*peak = ph / (2 * M_PI * k) * (double)period;
	return 0;
}

double
loadfit_trend_coef(const struct loadfit *m)
{
	return m->trend == LOADFIT_TREND_LINEAR ? m->g : m->beta[1];
}
