package dev.ppo.envs.box2d.carracing;

import org.jbox2d.dynamics.Body;

/**
 * A road tile: the user data of a static sensor body, carrying the attributes Gymnasium sets on the
 * tile body ({@code color}, {@code road_visited}, {@code road_friction}, {@code idx}).
 */
public final class Tile {

    final int idx;
    final double roadFriction = 1.0;
    /** float64 RGB, shared with the tile's entry in the road polygons as in Python (contacts reset it to the road colour). */
    final double[] color;
    boolean roadVisited;
    Body body;

    Tile(int idx, double[] color) {
        this.idx = idx;
        this.color = color;
    }

    /** The tile's position along the track, 0 at the start line. */
    public int idx() {
        return idx;
    }

    /** Whether a wheel has touched this tile in the current episode. */
    public boolean roadVisited() {
        return roadVisited;
    }
}
