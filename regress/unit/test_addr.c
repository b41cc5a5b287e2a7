#include "t.h"
int main(void) { T(1); return t_done(); }
