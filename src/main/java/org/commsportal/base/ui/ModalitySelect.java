package org.commsportal.base.ui;

import com.vaadin.flow.component.select.Select;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/** The modality filter of the quality, reliability and locations pages: audio, video or application sharing. */
public final class ModalitySelect {

    /** The address parameter, as the session details drill-through names it. */
    public static final String PARAMETER = "modality";

    private static final List<Modality> CHOICES = List.of(Modality.AUDIO, Modality.VIDEO, Modality.APPLICATION_SHARING);

    private final Select<String> select = new Select<>();
    private boolean updating;

    /** {@code noneLabel} names the choice of no modality; {@code onChange} gets each modality the viewer chooses. */
    public ModalitySelect(String noneLabel, Consumer<@Nullable Modality> onChange) {
        select.setId("modality");
        select.setLabel("Modality");
        select.setItems(
                "",
                Integer.toString(Modality.AUDIO.id()),
                Integer.toString(Modality.VIDEO.id()),
                Integer.toString(Modality.APPLICATION_SHARING.id()));
        select.setItemLabelGenerator(v ->
                v.isEmpty() ? noneLabel : Modality.ofId(Integer.parseInt(v)).label());
        select.setValue("");
        select.addValueChangeListener(event -> {
            if (!updating) {
                onChange.accept(event.getValue().isEmpty() ? null : Modality.ofId(Integer.parseInt(event.getValue())));
            }
        });
    }

    public Select<String> field() {
        return select;
    }

    /**
     * The modality a link's {@code modality} parameter names (audio, video or application-sharing, any letter case),
     * shown without handing it back; a value that names none is named in {@code problems} and left out. The one
     * reading of the parameter for the quality, reliability and locations pages (docs/pages.md#links).
     */
    public Optional<Modality> restore(Map<String, List<String>> parameters, List<String> problems) {
        Optional<String> given = PageAddress.single(parameters, PARAMETER);
        Optional<Modality> found = given.flatMap(ModalitySelect::modalityOf);
        if (given.isPresent() && found.isEmpty()) {
            problems.add(
                    "modality " + PageAddress.shown(given.get()) + " is not one of audio, video, application-sharing");
        }
        show(found.orElse(null));
        return found;
    }

    /** The parameter value of a modality: audio, video or application-sharing. */
    public static String parameter(Modality modality) {
        return modality.label().toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    private static Optional<Modality> modalityOf(String text) {
        return CHOICES.stream()
                .filter(m -> parameter(m).equalsIgnoreCase(text.strip()))
                .findFirst();
    }

    /** Shows a modality chosen elsewhere (a link) without handing it back. */
    public void show(@Nullable Modality modality) {
        updating = true;
        select.setValue(modality == null ? "" : Integer.toString(modality.id()));
        updating = false;
    }
}
