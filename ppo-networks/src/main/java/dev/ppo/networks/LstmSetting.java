package dev.ppo.networks;

import dev.ppo.api.plugin.Settings;

/**
 * The {@code lstm_hidden} setting both built-in networks take: units of an LSTM layer between the
 * trunk and the heads, 0 for none. A recurrent network has one trunk and one state feeding both
 * heads, so it needs {@code shared = true}.
 */
final class LstmSetting {

    private LstmSetting() {
    }

    static int read(Settings settings, boolean shared) {
        int lstmHidden = settings.intAtLeast("lstm_hidden", 0);
        if (lstmHidden > 0 && !shared) {
            throw settings.invalid("lstm_hidden", lstmHidden, "needs shared = true (one trunk and one LSTM state"
                    + " feed both heads)");
        }
        return lstmHidden;
    }
}
