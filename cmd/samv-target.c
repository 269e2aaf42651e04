/* samv-target - target groups (målgrupper) of challenges and arenas. */
#include "samv.h"

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-target", .summary = N_("target groups (målgrupper) of challenges and arenas"),
		.retire_verb = "retire", .can_remove = false
	};

	c.type = samv_type_find("target");
	return samv_entity_main(&c, argc, argv);
}
