#include "geo/Viewport.hpp"

#include <catch2/catch.hpp>

using namespace mwangaza::geo;

TEST_CASE("Web Mercator round trip and known values", "[geo][viewport]") {
    const MapPoint kolwezi = lonlat_to_map(25.47, -10.71);
    // EPSG:3857 of (25.47 E, 10.71 S), as PROJ gives it:
    // `echo "25.47 -10.71" | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:3857 -output_xy`
    CHECK(kolwezi.x == Approx(2835307.4305).epsilon(0).margin(0.01));
    CHECK(kolwezi.y == Approx(-1199235.9520).epsilon(0).margin(0.01));
    double lon = 0, lat = 0;
    map_to_lonlat(kolwezi, lon, lat);
    CHECK(lon == Approx(25.47).margin(1e-9));
    CHECK(lat == Approx(-10.71).margin(1e-9));
    CHECK(lonlat_to_map(0, 89.9).y == Approx(lonlat_to_map(0, k_max_mercator_lat).y));
}

TEST_CASE("Viewport pixel mapping, zoom about a point, pan, fit", "[geo][viewport]") {
    Viewport v{1000, 2000, 10, 200, 100};
    double px = 0, py = 0;
    v.to_pixel({1000, 2000}, px, py);
    CHECK(px == Approx(100));
    CHECK(py == Approx(50));
    const MapPoint corner = v.to_map(0, 0);
    CHECK(corner.x == Approx(0));
    CHECK(corner.y == Approx(2500));

    const MapPoint under = v.to_map(30, 70);
    const Viewport z = v.zoomed(4, 30, 70);
    CHECK(z.resolution == Approx(2.5));
    const MapPoint still = z.to_map(30, 70);
    CHECK(still.x == Approx(under.x));
    CHECK(still.y == Approx(under.y));

    const Viewport p = v.panned(10, -5); // dragged right and up: the map moves with the pointer
    p.to_pixel({1000, 2000}, px, py);
    CHECK(px == Approx(110));
    CHECK(py == Approx(45));

    MapRect r;
    CHECK(r.empty());
    r.expand(MapPoint{0, 0});
    r.expand(MapPoint{1000, 500});
    const Viewport f = Viewport::fit(r, 100, 100, 0.0);
    CHECK(f.resolution == Approx(10));
    CHECK(f.extent().intersects(r));
    CHECK(f.extent().min_x <= r.min_x);
    CHECK(f.extent().max_x >= r.max_x);
    CHECK(Viewport::fit(MapRect{}, 10, 10).resolution == Approx(2.0));
}

TEST_CASE("Ground resolution shrinks with latitude", "[geo][viewport]") {
    Viewport eq{0, 0, 100, 10, 10};
    CHECK(eq.ground_resolution() == Approx(100));
    Viewport north = eq;
    north.center_y = lonlat_to_map(0, 60).y;
    CHECK(north.ground_resolution() == Approx(50).margin(1e-6));
}
