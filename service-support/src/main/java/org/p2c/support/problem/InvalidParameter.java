package org.p2c.support.problem;

import jakarta.ws.rs.BadRequestException;

/**
 * A request parameter that cannot be read. A WebApplicationException, so that JAX-RS passes it on from a parameter
 * converter as it is (any other exception there becomes a bare 404); answered as a 400 problem naming the parameter.
 */
public class InvalidParameter extends BadRequestException {

    private final String parameter;
    private final String reason;

    public InvalidParameter(String parameter, String reason) {
        super(parameter + " " + reason);
        this.parameter = parameter;
        this.reason = reason;
    }

    public ProblemException toProblemException() {
        return ProblemException.invalidField(400, parameter, reason);
    }
}
