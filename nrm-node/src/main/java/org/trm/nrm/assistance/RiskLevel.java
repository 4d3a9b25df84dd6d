package org.trm.nrm.assistance;

public enum RiskLevel {
    LOW, MEDIUM, HIGH
}
