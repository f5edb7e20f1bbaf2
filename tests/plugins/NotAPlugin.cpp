// A shared library without the plugin entry point (say, a helper library dropped in the
// plugin folder): the loader must refuse it by name and go on with the others.
extern "C" __attribute__((visibility("default"))) int helper_function(int x)
{
    return x + 1;
}
