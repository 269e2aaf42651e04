/* samv-agreement - the Agreement (Överenskommelsen) as a versioned document. */
#include "samv.h"

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-agreement", .summary = "the Agreement (Överenskommelsen)"
	};

	c.type = samv_type_find("agreement");
	return samv_entity_main(&c, argc, argv);
}
