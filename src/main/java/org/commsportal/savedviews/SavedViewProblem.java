package org.commsportal.savedviews;

/** Why a view cannot be saved or deleted, in words for the person who tried. */
public class SavedViewProblem extends RuntimeException {

    SavedViewProblem(String message) {
        super(message);
    }
}
