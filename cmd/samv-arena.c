/* samv-arena - arenas where the sectors meet. */
#include "samv.h"

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-arena", .summary = N_("arenas where the sectors meet"), .retire_verb = "close", .can_remove = false
	};

	c.type = samv_type_find("arena");
	return samv_entity_main(&c, argc, argv);
}
