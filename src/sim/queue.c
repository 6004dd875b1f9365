/*
 * queue.c - M/M/c queueing (Erlang's formulas) for the simulator's
 * latency estimate.
 *
 * Layer: engine, numerical. The simulator asks one question per fleet
 * size: "up to what arrival rate does the latency percentile meet the
 * SLO?" (queue_max_rate), so the per-minute loop is a table look-up.
 */
#include "config.h"

#include "sim/queue.h"

#include <math.h>

/*
 * Erlang B by its recurrence (Jagerman 1974; any queueing text):
 *   B(0, a) = 1,  B(k, a) = a B(k-1, a) / (k + a B(k-1, a)).
 * Every step stays in [0, 1], so it is stable for any c, unlike the
 * textbook sum of a^k / k! which overflows near c = 170.
 * Degenerate: c <= 0 blocks everything (1); a <= 0 blocks nothing (0).
 */
double
queue_erlang_b(double a, long c)
{
	double b = 1.0;
	long k;

	if (c <= 0)
		return 1.0;
	if (a <= 0.0)
		return 0.0;
	for (k = 1; k <= c; k++)
		b = a * b / ((double)k + a * b);
	return b;
}

/*
 * Erlang C from Erlang B (same texts): with rho = a / c < 1,
 *   C(c, a) = B / (1 - rho (1 - B)).
 * For rho >= 1 the queue grows without bound and every request waits.
 * Check: c = 10, a = 8 gives C = 0.4092 (Kleinrock, Queueing Systems I).
 */
double
queue_erlang_c(double a, long c)
{
	double b, rho;

	if (c <= 0 || a >= (double)c)
		return 1.0;
	if (a <= 0.0)
		return 0.0;
	rho = a / (double)c;
	b = queue_erlang_b(a, c);
	return b / (1.0 - rho * (1.0 - b));
}

/* Mean wait W_q = C(c, a) / (c mu - lambda). */
double
queue_mean_wait(double lambda, double mu, long c)
{
	double cap = (double)c * mu;

	if (lambda <= 0.0)
		return 0.0;
	if (c <= 0 || mu <= 0.0 || lambda >= cap)
		return INFINITY;
	return queue_erlang_c(lambda / mu, c) / (cap - lambda);
}

/*
 * Response time T = W + S of an M/M/c FCFS queue. S ~ Exp(mu); W is 0
 * with probability 1 - C and otherwise Exp(theta), theta = c mu - lambda.
 * The tail of a sum of two exponentials gives
 *   P(T > t) = (1 - C) e^{-mu t} + C (theta e^{-mu t} - mu e^{-theta t}) / (theta - mu)
 * and, when theta = mu, C's term is e^{-mu t} (1 + mu t). The tail is
 * decreasing in t, so the quantile is found by bisection.
 */
static double
response_tail(double t, double mu, double theta, double pc)
{
	double es = exp(-mu * t);
	double w;

	if (fabs(theta - mu) < 1e-9 * mu)
		w = es * (1.0 + mu * t);
	else
		w = (theta * es - mu * exp(-theta * t)) / (theta - mu);
	return (1.0 - pc) * es + pc * w;
}

double
queue_response_quantile(double lambda, double mu, long c, double q)
{
	double theta, pc, lo = 0.0, hi, tail = 1.0 - q;
	int i;

	if (c <= 0 || mu <= 0.0 || lambda >= (double)c * mu)
		return INFINITY;
	if (lambda < 0.0)
		lambda = 0.0;
	theta = (double)c * mu - lambda;
	pc = queue_erlang_c(lambda / mu, c);
	hi = -log(tail) / mu;
	while (response_tail(hi, mu, theta, pc) > tail)
		hi *= 2.0;
	for (i = 0; i < 50; i++) {
		double mid = 0.5 * (lo + hi);

		if (response_tail(mid, mu, theta, pc) > tail)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

/*
 * The q-quantile of T rises with lambda (more load, longer waits), so the
 * largest lambda with quantile <= slo is found by bisection on
 * [0, c mu). An idle server already takes -ln(1 - q) / mu at the
 * quantile; if that misses the SLO no load meets it.
 */
double
queue_max_rate(double mu, long c, double q, double slo)
{
	double lo = 0.0, hi;
	int i;

	if (c <= 0 || mu <= 0.0)
		return 0.0;
	if (-log(1.0 - q) / mu > slo)
		return 0.0;
	hi = (double)c * mu;
	for (i = 0; i < 32; i++) {
		double mid = 0.5 * (lo + hi);

		if (queue_response_quantile(mid, mu, c, q) <= slo)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}
