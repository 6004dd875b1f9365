/* test_queue.c - Erlang B/C and M/M/c response times against textbook
 * values and closed forms. */
#include "config.h"

#include <math.h>

#include "sim/queue.h"
#include "testlib.h"

int
main(void)
{
	double q, lam;
	long c;

	/* Kleinrock, Queueing Systems I; any Erlang C table: c = 10, a = 8 */
	test_abs(queue_erlang_c(8.0, 10), 0.4092, 5e-5, "Erlang C(10, 8 E) = 0.409");
	test_abs(queue_erlang_b(8.0, 10), 0.1217, 5e-5, "Erlang B(10, 8 E) = 0.1217");
	/* single server: C = rho */
	test_abs(queue_erlang_c(0.7, 1), 0.7, 1e-12, "M/M/1: P(wait) = rho");
	/* c = 2, a = 1: C = a^2/(2!(1-rho)) / (1 + a + a^2/(2!(1-rho))) = 1/3 */
	test_abs(queue_erlang_c(1.0, 2), 1.0 / 3.0, 1e-12, "Erlang C(2, 1 E) = 1/3");
	test_abs(queue_erlang_c(12.0, 10), 1.0, 0, "overloaded queue: every request waits");
	test_abs(queue_erlang_c(0.0, 10), 0.0, 0, "no load: nobody waits");
	/* stability for large c, where a^c/c! overflows */
	q = queue_erlang_c(9500.0, 10000);
	test_ok(q > 0.0 && q < 1.0 && !isnan(q), "Erlang C(10000, 9500 E) finite: %g", q);
	q = queue_erlang_c(9900.0, 10000);
	test_ok(q > queue_erlang_c(9500.0, 10000), "P(wait) rises with load at c = 10000");
	/* mean wait: W_q = C / (c mu - lambda) */
	test_abs(queue_mean_wait(8.0, 1.0, 10), 0.4092 / 2.0, 5e-5, "W_q(10 servers, 8/s, 1/s)");
	test_ok(isinf(queue_mean_wait(10.0, 1.0, 10)), "W_q infinite at rho = 1");
	/* M/M/1 response time is Exp(mu - lambda): q-quantile -ln(1-q)/(mu-lambda) */
	test_abs(queue_response_quantile(5.0, 10.0, 1, 0.99), log(100.0) / 5.0, 1e-9,
		 "M/M/1 p99 response = ln(100)/(mu-lambda)");
	test_abs(queue_response_quantile(0.0, 10.0, 4, 0.5), log(2.0) / 10.0, 1e-9,
		 "idle M/M/4 median = service median");
	/* theta = mu: c = 2, mu = 1, lambda = 1 (theta = 1) uses the limit form */
	q = queue_response_quantile(1.0, 1.0, 2, 0.9);
	test_ok(q > -log(0.1) && q < 10.0, "theta = mu quantile sane: %g", q);
	/* max rate inverts the quantile */
	test_abs(queue_max_rate(10.0, 1, 0.99, log(100.0) / 5.0), 5.0, 1e-6,
		 "M/M/1 max rate for p99 = ln(100)/5 is 5/s");
	test_abs(queue_max_rate(10.0, 1, 0.99, 0.1), 0.0, 0, "SLO below service time: 0");
	lam = 0.0;
	for (c = 1; c <= 64; c *= 2) {
		double m = queue_max_rate(10.0, c, 0.99, 0.8);

		test_ok(m > lam && m < 10.0 * (double)c, "max rate rises with c = %ld: %g", c, m);
		lam = m;
	}
	return test_summary();
}
