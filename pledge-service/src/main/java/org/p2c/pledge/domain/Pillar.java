package org.p2c.pledge.domain;

/** The twelve pillars of the P2C Action Framework; each belongs to one focus area. */
public enum Pillar {
    INFRASTRUCTURE(FocusArea.ACCESS),
    AFFORDABILITY(FocusArea.ACCESS),
    CYBERSECURITY(FocusArea.ACCESS),
    SKILLS(FocusArea.ADOPTION),
    INCLUSION(FocusArea.ADOPTION),
    LOCAL_CONTENT_AND_SERVICES(FocusArea.ADOPTION),
    INNOVATION_AND_ENTREPRENEURSHIP(FocusArea.VALUE_CREATION),
    APPS_AND_SERVICES(FocusArea.VALUE_CREATION),
    DIGITAL_ECONOMY(FocusArea.VALUE_CREATION),
    INNOVATIVE_FINANCING(FocusArea.ACCELERATE),
    PROJECT_VIABILITY(FocusArea.ACCELERATE),
    INVESTOR_CONSTELLATION(FocusArea.ACCELERATE);

    private final FocusArea focusArea;

    Pillar(FocusArea focusArea) {
        this.focusArea = focusArea;
    }

    public FocusArea focusArea() {
        return focusArea;
    }

    public enum FocusArea { ACCESS, ADOPTION, VALUE_CREATION, ACCELERATE }

    /** The focus areas that follow from pillar names, sorted. */
    public static java.util.List<String> focusAreasOf(java.util.List<String> pillars) {
        return pillars.stream().map(x -> valueOf(x).focusArea().name()).distinct().sorted().toList();
    }
}
