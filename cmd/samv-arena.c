/* samv-arena - arenas where the sectors meet. */
#include "samv.h"

int main(int argc, char **argv)
{
	static const struct samv_cmd cmd = {
		"samv-arena", NULL, "arenas where the sectors meet", "close", false
	};
	struct samv_cmd c = cmd;

	c.type = samv_type_find("arena");
	return samv_entity_main(&c, argc, argv);
}
