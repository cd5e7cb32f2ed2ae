/* The intermediate-server simulator's HTTPS side: `midserver-sim serve`. */
#ifndef MIDSERVER_SERVE_H
#define MIDSERVER_SERVE_H

/* argv[0] is "serve"; returns the exit status. */
int sim_serve_main(int argc, char **argv);

#endif
