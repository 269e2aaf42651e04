/* samv-challenge - challenges the collaboration is about (samhällsutmaningar). */
#include "samv.h"

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-challenge", .summary = N_("challenges the collaboration is about (samhällsutmaningar)"),
		.retire_verb = "close", .can_remove = false
	};

	c.type = samv_type_find("challenge");
	return samv_entity_main(&c, argc, argv);
}
