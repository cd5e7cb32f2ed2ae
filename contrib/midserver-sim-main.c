/* midserver-sim: plays the intermediate server. `serve` is the HTTPS side;
 * `answer` (the offline answer) is dispatched here once it lands. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "midserver-serve.h"

int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "serve") == 0)
		return sim_serve_main(argc - 1, argv + 1);
	fprintf(stderr, "usage: midserver-sim serve ...\n");
	return 2;
}
