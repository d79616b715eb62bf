package org.commsportal.base.ui;

import com.vaadin.flow.component.select.Select;
import java.util.function.Consumer;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/** The modality filter of the quality, reliability and locations pages: audio, video or application sharing. */
public final class ModalitySelect {

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

    /** Shows a modality chosen elsewhere (a link) without handing it back. */
    public void show(@Nullable Modality modality) {
        updating = true;
        select.setValue(modality == null ? "" : Integer.toString(modality.id()));
        updating = false;
    }
}
