package dev.ppo.runner.io;

import dev.ppo.api.backend.VariableState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fits a checkpoint's Adam slots ({@code <var>/adam_m}, {@code <var>/adam_v}) to a model that trains
 * a different set of its variables. This happens when a resumed run switches {@code ppo.action_std}
 * between {@code learned} (the optimizer trains {@code actor/log_std}) and {@code decay} (a schedule
 * sets it): the slots of a variable the model no longer trains are dropped, and a variable it now
 * trains starts with zero moments, as Adam does at step 0. Everything else, including a slot whose
 * variable is not in the model at all, passes through unchanged, so a real mismatch is still refused.
 */
public final class OptimizerSlots {

    private static final List<String> SUFFIXES = List.of("/adam_m", "/adam_v");
    /** Adam's step count, written by both backends. */
    private static final String STEP = "adam/step";

    private OptimizerSlots() {
    }

    /**
     * @param saved the checkpoint's variables
     * @param model the model's variables as it is now (names and shapes)
     * @param note  told once per variable whose slots were dropped or started at zero
     * @return {@code saved} with the slots fitted to {@code model}
     */
    public static List<VariableState> fit(List<VariableState> saved, List<VariableState> model, Consumer<String> note) {
        Map<String, VariableState> savedByName = byName(saved);
        Map<String, VariableState> modelByName = byName(model);
        List<VariableState> out = new ArrayList<>(saved.size());
        for (VariableState v : saved) {
            String owner = ownerOf(v.name());
            boolean dropped = owner != null && !modelByName.containsKey(v.name()) && modelByName.containsKey(owner);
            if (!dropped) {
                out.add(v);
            } else if (v.name().endsWith(SUFFIXES.get(0))) {
                note.accept("this model does not train " + owner + " (e.g. ppo.action_std = decay sets it by "
                        + "schedule): the checkpoint's Adam moments for it are not used");
            }
        }
        for (VariableState v : model) {
            String owner = ownerOf(v.name());
            if (owner != null && !savedByName.containsKey(v.name()) && savedByName.containsKey(owner)) {
                out.add(new VariableState(v.name(), v.shape().clone(), new float[v.values().length]));
                if (v.name().endsWith(SUFFIXES.get(0))) {
                    note.accept("this model trains " + owner + ", which the checkpoint did not (e.g. ppo.action_std "
                            + "was decay): its Adam moments start at zero from the checkpoint's value");
                }
            }
        }
        return out;
    }

    /** Whether {@code name} is the optimizer's (an Adam slot or Adam's step count), not the model's. */
    public static boolean isOptimizerState(String name) {
        return ownerOf(name) != null || name.equals(STEP);
    }

    /** The variable a slot belongs to, or null when {@code name} is not an Adam slot. */
    private static String ownerOf(String name) {
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return null;
    }

    private static Map<String, VariableState> byName(List<VariableState> variables) {
        Map<String, VariableState> out = new LinkedHashMap<>();
        for (VariableState v : variables) {
            out.put(v.name(), v);
        }
        return out;
    }
}
