package com.servicereview;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ServiceReviewApplication {

    public static void main(String[] args) {
        SpringApplication.run(ServiceReviewApplication.class, args);
    }
}
