/*
 * queue.h - the M/M/c (Erlang C) queue: how long requests wait when a
 * fleet of c identical servers runs at a given load.
 *
 * Layer: engine, numerical. Pure functions of their arguments; no state,
 * no allocation. Rates are per second, times in seconds. An unstable
 * queue (offered load a >= c) has P(wait) 1 and infinite waits.
 */
#ifndef RS_QUEUE_H
#define RS_QUEUE_H

/* Erlang B blocking probability for offered load a (Erlangs) on c servers. */
double queue_erlang_b(double a, long c);

/* Erlang C: probability that an arriving request waits (a = lambda/mu). */
double queue_erlang_c(double a, long c);

/* Mean wait in queue (not counting service) for arrival rate lambda,
 * service rate mu per server, c servers. INFINITY when unstable. */
double queue_mean_wait(double lambda, double mu, long c);

/* The q-quantile (0 < q < 1) of the response time (wait + service) of an
 * M/M/c FCFS queue. INFINITY when unstable. */
double queue_response_quantile(double lambda, double mu, long c, double q);

/* The largest arrival rate at which the q-quantile of the response time
 * stays within slo seconds on c servers of rate mu (0 when even an idle
 * server misses it). Monotone in c. */
double queue_max_rate(double mu, long c, double q, double slo);

#endif
